package io.sparkinfer.kernels.api;

import java.util.Arrays;

/**
 * Partial rotary embedding with interleaved multimodal sections (spec section 2.5): the first
 * {@code rotaryDim} dims of each head rotate, in rotate-half pairs (i, i + rotaryDim/2); frequency slot f
 * (0 <= f < rotaryDim/2) has {@code invFreq[f] = theta^(-2f/rotaryDim)} and takes the H position when
 * {@code f % 3 == 1 && f < 3 * section[1]}, the W position when {@code f % 3 == 2 && f < 3 * section[2]},
 * else the T position. Text-only tokens have t = h = w, which makes this plain RoPE.
 *
 * @param headDim   values per head
 * @param rotaryDim rotated values per head (even, at most headDim)
 * @param theta     rope_theta
 * @param section   mrope_section [t, h, w], summing to rotaryDim / 2
 */
public record RopeSpec(int headDim, int rotaryDim, double theta, int[] section) {

    public RopeSpec {
        if (rotaryDim <= 0 || rotaryDim % 2 != 0 || rotaryDim > headDim) {
            throw new IllegalArgumentException("rotaryDim " + rotaryDim + " must be even and in (0, headDim="
                    + headDim + "]");
        }
        if (section.length != 3 || Arrays.stream(section).sum() != rotaryDim / 2) {
            throw new IllegalArgumentException("mrope section " + Arrays.toString(section) + " must have 3 parts"
                    + " summing to rotaryDim/2=" + rotaryDim / 2);
        }
        section = section.clone();
    }

    @Override
    public int[] section() {
        return section.clone();
    }

    /** Which position (0 = T, 1 = H, 2 = W) frequency slot {@code f} uses. */
    public int axisOf(int f) {
        if (f % 3 == 1 && f < 3 * section[1]) {
            return 1;
        }
        if (f % 3 == 2 && f < 3 * section[2]) {
            return 2;
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RopeSpec r && r.headDim == headDim && r.rotaryDim == rotaryDim && r.theta == theta
                && Arrays.equals(r.section, section);
    }

    @Override
    public int hashCode() {
        return (headDim * 31 + rotaryDim) * 31 + Double.hashCode(theta) * 31 + Arrays.hashCode(section);
    }

    @Override
    public String toString() {
        return "RopeSpec[headDim=" + headDim + ", rotaryDim=" + rotaryDim + ", theta=" + theta + ", section="
                + Arrays.toString(section) + "]";
    }
}
