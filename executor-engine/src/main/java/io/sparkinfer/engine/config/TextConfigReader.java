package io.sparkinfer.engine.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads a {@link TextConfig} from {@code text_config} (or from the top level of a text-only export). All
 * keys are read first (their errors carry the full key path); the record constructors then validate, and
 * their errors get the section put in front.
 */
final class TextConfigReader {

    private TextConfigReader() {
    }

    static TextConfig read(JsonFields f, boolean moe) {
        int vocab = f.requiredInt("vocab_size");
        int hidden = f.requiredInt("hidden_size");
        int layers = f.requiredInt("num_hidden_layers");
        List<LayerType> layerTypes = readLayerTypes(f, layers);
        int heads = f.requiredInt("num_attention_heads");
        int kvHeads = f.requiredInt("num_key_value_heads");
        int headDim = readHeadDim(f, hidden, heads);
        boolean attentionBias = f.optionalBoolean("attention_bias", false);
        boolean outputGate = f.optionalBoolean("attn_output_gate", true);
        double eps = f.optionalDouble("rms_norm_eps", 1e-6);
        String act = f.optionalString("hidden_act", "silu");
        OptionalInt intermediate = f.optionalInt("intermediate_size");
        int linearKeyHeads = f.requiredInt("linear_num_key_heads");
        int linearValueHeads = f.requiredInt("linear_num_value_heads");
        int linearKeyDim = f.requiredInt("linear_key_head_dim");
        int linearValueDim = f.requiredInt("linear_value_head_dim");
        int convKernel = f.requiredInt("linear_conv_kernel_dim");
        int maxPositions = f.optionalInt("max_position_embeddings", 262_144);
        int mtpLayers = f.optionalInt("mtp_num_hidden_layers", 1);
        RopeParameters rope = readRope(f);
        Optional<MoeConfig> moeConfig = moe ? Optional.of(readMoe(f)) : Optional.empty();
        return validated(f, () -> new TextConfig(vocab, hidden, layers, layerTypes, heads, kvHeads, headDim,
                attentionBias, outputGate, eps, act, intermediate, linearKeyHeads, linearValueHeads, linearKeyDim,
                linearValueDim, convKernel, maxPositions, mtpLayers, rope, moeConfig));
    }

    /** Runs a record constructor, putting the section (e.g. {@code text_config}) in front of its errors. */
    static <T> T validated(JsonFields f, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw f.section().isEmpty() ? e : e.at(f.section());
        }
    }

    /** Explicit {@code head_dim} wins; only when absent does it default to hidden_size / heads. */
    private static int readHeadDim(JsonFields f, int hidden, int heads) {
        if (f.has("head_dim")) {
            return f.requiredInt("head_dim");
        }
        if (heads <= 0 || hidden % heads != 0) {
            throw new ConfigException("key " + f.keyPath("head_dim") + " is absent and hidden_size=" + hidden
                    + " is not a multiple of num_attention_heads=" + heads + "; add head_dim to the config");
        }
        return hidden / heads;
    }

    private static List<LayerType> readLayerTypes(JsonFields f, int layers) {
        Optional<List<String>> names = f.optionalStringList("layer_types");
        if (names.isPresent()) {
            try {
                return names.get().stream().map(LayerType::fromHfName).collect(Collectors.toList());
            } catch (ConfigException e) {
                throw e.at(f.keyPath("layer_types"));
            }
        }
        int interval = f.optionalInt("full_attention_interval", LayerSchedule.DEFAULT_FULL_ATTENTION_INTERVAL);
        return validated(f, () -> LayerSchedule.fromInterval(Math.max(layers, 0), interval));
    }

    /**
     * {@code rope_parameters} (current HF layout) or flat {@code rope_theta} + {@code rope_scaling} (older).
     * rope_theta has no sensible default, so it is required; a key given both nested and flat must agree.
     */
    private static RopeParameters readRope(JsonFields f) {
        Optional<JsonFields> nested = f.object("rope_parameters");
        Optional<JsonFields> scaling = nested.isPresent() ? Optional.empty() : f.object("rope_scaling");
        Optional<JsonFields> params = nested.or(() -> scaling);

        if (nested.isPresent() && !nested.get().has("rope_theta")) {
            throw nested.get().missing("rope_theta", "a number; every Qwen3.5 release uses 10000000");
        }
        OptionalDouble nestedTheta = nested.map(n -> n.optionalDouble("rope_theta")).orElse(OptionalDouble.empty());
        double theta = agree(f, params, "rope_theta", nestedTheta, f.optionalDouble("rope_theta"))
                .orElseThrow(() -> f.missing("rope_parameters",
                        "an object with rope_theta; every Qwen3.5 release uses 10000000"));

        OptionalDouble nestedPartial = params.map(p -> p.optionalDouble("partial_rotary_factor"))
                .orElse(OptionalDouble.empty());
        double partial = agree(f, params, "partial_rotary_factor", nestedPartial,
                f.optionalDouble("partial_rotary_factor")).orElse(RopeParameters.DEFAULT_PARTIAL_ROTARY_FACTOR);

        String type = "default";
        List<Integer> mrope = List.of();
        boolean interleaved = true;
        if (params.isPresent()) {
            JsonFields p = params.get();
            type = p.optionalString("rope_type").or(() -> p.optionalString("type")).orElse("default");
            mrope = p.optionalIntList("mrope_section").orElse(List.of());
            interleaved = p.optionalBoolean("mrope_interleaved", true);
        }
        String ropeType = type;
        List<Integer> section = mrope;
        boolean interleave = interleaved;
        return validated(params.orElse(f), () -> new RopeParameters(ropeType, theta, partial, section, interleave));
    }

    private static OptionalDouble agree(JsonFields f, Optional<JsonFields> params, String key,
            OptionalDouble nested, OptionalDouble flat) {
        if (nested.isPresent() && flat.isPresent() && nested.getAsDouble() != flat.getAsDouble()) {
            String nestedKey = params.map(p -> p.keyPath(key)).orElseThrow();
            throw new ConfigException("key " + nestedKey + "=" + nested.getAsDouble() + " disagrees with key "
                    + f.keyPath(key) + "=" + flat.getAsDouble() + "; keep one of them (or make them equal)");
        }
        return nested.isPresent() ? nested : flat;
    }

    private static MoeConfig readMoe(JsonFields f) {
        int experts = f.requiredInt("num_experts");
        int topK = f.requiredInt("num_experts_per_tok");
        int expertSize = f.requiredInt("moe_intermediate_size");
        int sharedSize = f.requiredInt("shared_expert_intermediate_size");
        boolean normTopk = f.optionalBoolean("norm_topk_prob", true);
        int sparseStep = f.optionalInt("decoder_sparse_step", 1);
        List<Integer> mlpOnly = f.optionalIntList("mlp_only_layers").orElse(List.of());
        return validated(f, () -> new MoeConfig(experts, topK, expertSize, sharedSize, normTopk, sparseStep, mlpOnly));
    }
}
