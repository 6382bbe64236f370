package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.config.ConfigBuilder;
import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.config.ModelShapes;
import io.sparkinfer.engine.weights.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A random-weight tiny model for a feature the two fixtures do not cover, written as {@code make-tiny-model}
 * writes it (config.json plus {@link RandomCheckpoint}, text only). Four layers unless the schedule needs more.
 *
 * @param fusedExperts MoE experts as fused tensors (HF's native form) or one tensor set per expert
 */
record TinyVariant(String name, Supplier<ConfigBuilder> config, boolean fusedExperts) {
    private static final long SEED = 7;

    static final List<TinyVariant> ALL = List.of(
            new TinyVariant("moe_per_expert", () -> tiny().variant("moe"), false),
            new TinyVariant("tied_embeddings", () -> tiny().tieWordEmbeddings(true), true),
            new TinyVariant("full_attention_every_3", () -> tiny().layers(6).fullAttentionInterval(3), true),
            new TinyVariant("full_attention_every_2", () -> tiny().fullAttentionInterval(2), true),
            new TinyVariant("linear_heads_1_to_4", () -> tiny().linearAttention(1, 4, 16, 16), true),
            // also key head size != value head size
            new TinyVariant("linear_heads_2_to_4", () -> tiny().linearAttention(2, 4, 32, 16), true));

    /**
     * No DeltaNet layer at all: the control for the equivalence tests, on which call boundaries change no bit
     * (so the DeltaNet state's rounding is the only thing that does).
     */
    static final TinyVariant ATTENTION_ONLY = new TinyVariant("attention_only",
            () -> tiny().layerTypes(List.of(LayerType.FULL_ATTENTION, LayerType.FULL_ATTENTION)), true);

    private static ConfigBuilder tiny() {
        return ModelShapes.tiny().vision(false).layers(4);
    }

    /** Writes config.json and the weights into the existing, empty {@code dir}. */
    void write(Path dir) {
        ModelConfig built = config.get().build();
        try {
            Files.writeString(dir.resolve(ModelConfig.FILE_NAME), built.toJson().toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write config.json of tiny model " + name + " into " + dir, e);
        }
        RandomCheckpoint.write(dir, built, new RandomCheckpoint.Options(SEED, DType.BF16, 1, fusedExperts, false));
    }

    static TinyVariant named(String name) {
        return Stream.concat(ALL.stream(), Stream.of(ATTENTION_ONLY)).filter(v -> v.name.equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no tiny model named " + name));
    }
}
