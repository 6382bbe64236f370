package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.config.ConfigBuilder;
import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.config.ModelShapes;
import io.sparkinfer.engine.weights.DType;
import io.sparkinfer.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A random-weight tiny model for a feature the two fixtures do not cover, text only, four layers unless the
 * schedule needs more. Variants the command line can express are made by running {@code make-tiny-model}
 * itself; the others (head sizes, an all-attention schedule) are written the same way from a config builder.
 *
 * @param makeTinyModel the make-tiny-model options that make it, or null to write it from {@code config}
 * @param fusedExperts  MoE experts as fused tensors (HF's native form) or one tensor set per expert
 */
record TinyVariant(String name, List<String> makeTinyModel, Supplier<ConfigBuilder> config, boolean fusedExperts) {
    private static final long SEED = 7;

    static final List<TinyVariant> ALL = List.of(
            cli("moe_per_expert", "--variant", "moe", "--per-expert"),
            cli("tied_embeddings", "--tied"),
            cli("full_attention_every_3", "--layers", "6", "--full-attention-interval", "3"),
            cli("full_attention_every_2", "--full-attention-interval", "2"),
            cli("linear_heads_1_to_4", "--linear-heads", "1:4"),
            // also key head size != value head size, which the command line does not offer
            new TinyVariant("linear_heads_2_to_4", null, () -> tiny().linearAttention(2, 4, 32, 16), true));

    private static TinyVariant cli(String name, String... options) {
        return new TinyVariant(name, List.of(options), null, true);
    }

    /**
     * No DeltaNet layer at all: the control for the equivalence tests, on which call boundaries change no bit
     * (so the DeltaNet state's rounding is the only thing that does).
     */
    static final TinyVariant ATTENTION_ONLY = new TinyVariant("attention_only",
            null, () -> tiny().layerTypes(List.of(LayerType.FULL_ATTENTION, LayerType.FULL_ATTENTION)), true);

    private static ConfigBuilder tiny() {
        return ModelShapes.tiny().vision(false).layers(4);
    }

    /** Writes config.json and the weights into the existing, empty {@code dir}. */
    void write(Path dir) {
        if (makeTinyModel != null) {
            List<String> argv = new ArrayList<>(List.of("make-tiny-model", "--out", dir.toString(), "--force",
                    "--seed", String.valueOf(SEED), "--layers", "4"));
            argv.addAll(makeTinyModel);
            if (argv.lastIndexOf("--layers") > 6) { // the variant sets its own layer count: drop the default
                argv.subList(6, 8).clear();
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(argv.toArray(String[]::new), InputStream.nullInputStream(),
                    new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new IllegalStateException("make-tiny-model " + argv + " failed: " + err.toString(StandardCharsets.UTF_8));
            }
            return;
        }
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
