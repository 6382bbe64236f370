package io.sparkinfer.engine.config;

import java.util.List;
import java.util.Set;

/**
 * Rotary position embedding of the text model (config.json {@code rope_parameters}, or the older flat
 * {@code rope_theta} + {@code rope_scaling}).
 *
 * @param ropeType            {@code "default"} (or the older {@code "mrope"}, same math); others are refused
 * @param ropeTheta           base θ of {@code inv_freq = θ^(-2f/r)}; 1e7 in every release, no default
 * @param partialRotaryFactor fraction of head_dim that rotates (0.25: 64 of 256 dims)
 * @param mropeSection        frequency slots per (t, h, w) component, summing to rotary_dim / 2; empty = 1-D
 * @param mropeInterleaved    what the file says; HF Qwen3.5 interleaves the sections regardless
 */
public record RopeParameters(
        String ropeType,
        double ropeTheta,
        double partialRotaryFactor,
        List<Integer> mropeSection,
        boolean mropeInterleaved) {

    /** HF default for {@code partial_rotary_factor}. */
    public static final double DEFAULT_PARTIAL_ROTARY_FACTOR = 0.25;

    private static final Set<String> SUPPORTED_TYPES = Set.of("default", "mrope");

    public RopeParameters {
        if (ropeType == null || !SUPPORTED_TYPES.contains(ropeType)) {
            throw new ConfigException("rope_type \"" + ropeType + "\" is not supported; sparkinfer implements"
                    + " the plain (multimodal) RoPE of the released Qwen3.5 configs (rope_type \"default\")");
        }
        if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) {
            throw new ConfigException("rope_theta=" + ropeTheta + " must be a positive finite number"
                    + " (every Qwen3.5 release uses 10000000)");
        }
        if (!(partialRotaryFactor > 0 && partialRotaryFactor <= 1)) {
            throw new ConfigException("partial_rotary_factor=" + partialRotaryFactor
                    + " must be in (0, 1] (Qwen3.5 uses 0.25)");
        }
        mropeSection = List.copyOf(mropeSection);
        if (!mropeSection.isEmpty()) {
            if (mropeSection.size() != 3 || mropeSection.stream().anyMatch(s -> s < 0)) {
                throw new ConfigException("mrope_section=" + mropeSection + " must hold three non-negative"
                        + " counts, for the temporal, height and width components (e.g. [11, 11, 10])");
            }
        }
    }

    /** Rotated dims per head: {@code int(head_dim * partial_rotary_factor)}, as HF truncates. */
    public int rotaryDim(int headDim) {
        return (int) (headDim * partialRotaryFactor);
    }

    /** Sum of {@link #mropeSection()}; 0 when there is none. */
    public int mropeSectionSum() {
        return mropeSection.stream().mapToInt(Integer::intValue).sum();
    }
}
