package io.sparkinfer.engine.cli;

import io.sparkinfer.engine.config.ConfigBuilder;
import io.sparkinfer.engine.config.GenerationConfig;
import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.config.ModelShapes;
import io.sparkinfer.engine.config.PreprocessorConfig;
import io.sparkinfer.engine.models.qwen35.RandomCheckpoint;
import io.sparkinfer.engine.tokenizer.TinyTokenizerBuilder;
import io.sparkinfer.engine.tokenizer.TinyTokenizerLayout;
import io.sparkinfer.engine.weights.DType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * `make-tiny-model --out DIR ...`: a random-weight Qwen3.5 model in the real Hugging Face layout (config.json,
 * generation_config.json, preprocessor_config.json, safetensors, tokenizer.json), small by default (the
 * fixtures' shape) or in a released shape for benchmarks. Its outputs are not meaningful text.
 */
final class MakeTinyModelCommand implements Command {

    @Override
    public String name() {
        return "make-tiny-model";
    }

    @Override
    public String summary() {
        return "random-weight model in the real HF layout with a matching small tokenizer";
    }

    @Override
    public String usage() {
        return """
                usage: bin/sparkinfer make-tiny-model --out DIR [--variant dense|moe] [--vision] [--seed N] [--shape NAME]
                  --out DIR                    where to write (must be empty or absent, unless --force)
                  --variant dense|moe          dense SwiGLU MLP or sparse MoE (default dense; ignored with --shape)
                  --vision                     include the vision tower
                  --seed N                     random seed (default 0); the same seed gives the same files
                  --shape NAME                 a released shape: %s
                  --dtype bf16|f16|f32         weight dtype (default bf16)
                  --shards N                   split weights into N files plus model.safetensors.index.json (default 1)
                  --per-expert                 MoE experts as experts.{e}.*_proj.weight instead of fused tensors
                  --tied                       tie lm_head to embed_tokens (tiny models)
                  --layers N                   number of layers (tiny models, default 8)
                  --full-attention-interval N  every Nth layer is full attention (tiny models, default 4)
                  --linear-heads K:V           DeltaNet key:value heads (tiny models, default 2:4)
                  --force                      overwrite files in a non-empty --out""".formatted(
                String.join(", ", ModelShapes.names()));
    }

    @Override
    public Set<String> options() {
        return Set.of("out", "variant", "vision", "seed", "shape", "dtype", "shards", "per-expert", "tied", "layers",
                "full-attention-interval", "linear-heads", "force");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Path dir = Path.of(args.require("out"));
        prepare(dir, args.flag("force"));
        ModelConfig config = config(args);
        boolean vision = args.flag("vision");
        var options = new RandomCheckpoint.Options(args.getLong("seed", 0), dtype(args), args.getInt("shards", 1),
                !args.flag("per-expert"), vision);
        long started = System.nanoTime();
        writeJson(dir.resolve(ModelConfig.FILE_NAME), config.toJson().toPrettyString());
        int vocab = config.text().vocabSize();
        TinyTokenizerLayout tokenizer = args.has("shape")
                ? TinyTokenizerBuilder.writeForLargeVocab(dir, vocab, ModelShapes.END_OF_TEXT_ID)
                : TinyTokenizerBuilder.write(dir, vocab);
        GenerationConfig generation = GenerationConfig.qwen35(tokenizer.imEnd(), tokenizer.endOfText());
        writeJson(dir.resolve(GenerationConfig.FILE_NAME), generation.toJson().toPrettyString());
        writeJson(dir.resolve(PreprocessorConfig.FILE_NAME), PreprocessorConfig.QWEN3_5.toJson().toPrettyString());
        long bytes = RandomCheckpoint.write(dir, config, options);
        out.printf(Locale.ROOT, "wrote %s: %s, %s of weights in %.1f s (random weights: outputs are not meaningful)%n",
                dir, ModelSummary.describe(config), ModelSummary.bytes(bytes), (System.nanoTime() - started) / 1e9);
        return Main.OK;
    }

    private static ModelConfig config(CliArgs args) {
        boolean vision = args.flag("vision");
        ConfigBuilder builder;
        if (args.has("shape")) {
            for (String tinyOnly : new String[] {"variant", "tied", "layers", "full-attention-interval", "linear-heads"}) {
                if (args.has(tinyOnly)) {
                    throw new UsageException("--" + tinyOnly + " cannot be combined with --shape (a released shape is fixed)");
                }
            }
            builder = ModelShapes.builder(args.require("shape"));
        } else {
            builder = ModelShapes.tiny().variant(args.get("variant").orElse("dense"))
                    .tieWordEmbeddings(args.flag("tied"))
                    .layers(args.getInt("layers", 8))
                    .fullAttentionInterval(args.getInt("full-attention-interval", 4));
            if (args.has("linear-heads")) {
                String[] kv = args.require("linear-heads").split(":");
                if (kv.length != 2) {
                    throw new UsageException("--linear-heads wants K:V, e.g. 2:4; got " + args.require("linear-heads"));
                }
                builder.linearAttention(parse(kv[0]), parse(kv[1]), 16, 16);
            }
        }
        return builder.vision(vision).build();
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--linear-heads wants whole numbers K:V; got '" + s + "'");
        }
    }

    private static DType dtype(CliArgs args) {
        String name = args.get("dtype").orElse("bf16").toUpperCase(Locale.ROOT);
        return switch (name) {
            case "BF16", "F16", "F32" -> DType.valueOf(name);
            default -> throw new UsageException("--dtype must be bf16, f16 or f32; got " + name.toLowerCase(Locale.ROOT));
        };
    }

    private static void prepare(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out " + dir + " is a file, not a directory");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException("--out " + dir + " is not empty; choose an empty directory or add --force");
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void writeJson(Path file, String json) throws IOException {
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }
}
