package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import io.sparkinfer.engine.weights.DType;
import io.sparkinfer.engine.weights.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `make-tiny-model`: what it writes loads as a checked Qwen3.5 model with a working tokenizer. */
class MakeTinyModelCommandTest {

    @TempDir
    Path tmp;

    @Test
    void defaultDenseModelLoadsAndItsTokenizerWorks() {
        Path dir = make("dense");

        try (Qwen35Checkpoint model = Qwen35Checkpoint.open(dir);
             TextTokenizer tokenizer = TextTokenizer.load(dir)) {
            assertFalse(model.config().isMoe());
            assertFalse(model.layout().hasVision());
            assertEquals(List.of(482, 480), model.generation().eosTokenIds(), "stop on <|im_end|> and <|endoftext|>");
            assertEquals(482, tokenizer.tokenId("<|im_end|>").orElseThrow());
            String text = "Grüße, 世界! <|im_start|>user";
            int[] ids = tokenizer.encode(text);
            for (int id : ids) {
                assertTrue(id < model.config().text().vocabSize(), "id " + id + " inside the vocabulary");
            }
            assertEquals(text, tokenizer.decode(ids, false));
            assertEquals("model.", model.layout().textPrefix(), "without --vision: a text-only export");
            TensorInfo aLog = model.weights().info("model.layers.0.linear_attn.A_log");
            assertEquals(DType.F32, aLog.dtype());
            for (float v : model.weights().tensor(aLog.name()).toFloatArray()) {
                assertTrue(v >= 0 && v < Math.log(4), "A_log in [0, log 4): " + v);
            }
            assertEquals(DType.BF16, model.weights().info("model.embed_tokens.weight").dtype());
        }
    }

    @Test
    void moeWithVisionPerExpertTensorsInShards() throws Exception {
        Path dir = make("moe", "--variant", "moe", "--vision", "--per-expert", "--shards", "3");

        assertTrue(Files.exists(dir.resolve("model.safetensors.index.json")));
        assertTrue(Files.exists(dir.resolve("model-00003-of-00003.safetensors")));
        try (Qwen35Checkpoint model = Qwen35Checkpoint.open(dir)) {
            assertTrue(model.config().isMoe());
            assertTrue(model.layout().hasVision());
            assertFalse(model.layout().fusedExperts());
            assertEquals(3, model.weights().files().size());
            assertEquals("model.language_model.", model.layout().textPrefix(), "with --vision: multimodal layout");
            assertTrue(model.weights().contains("model.language_model.layers.0.mlp.experts.7.down_proj.weight"));
        }
    }

    @Test
    void tiedEmbeddingsOtherScheduleAndDeltaNetHeads() {
        Path dir = make("variant", "--tied", "--layers", "6", "--full-attention-interval", "3", "--linear-heads", "1:4",
                "--dtype", "f32");

        try (Qwen35Checkpoint model = Qwen35Checkpoint.open(dir)) {
            assertTrue(model.layout().tiedEmbeddings());
            assertFalse(model.weights().contains("lm_head.weight"));
            var text = model.config().text();
            assertEquals(List.of(LayerType.LINEAR_ATTENTION, LayerType.LINEAR_ATTENTION, LayerType.FULL_ATTENTION,
                    LayerType.LINEAR_ATTENTION, LayerType.LINEAR_ATTENTION, LayerType.FULL_ATTENTION), text.layerTypes());
            assertEquals(1, text.linearNumKeyHeads());
            assertEquals(4, text.linearNumValueHeads());
            assertEquals(DType.F32, model.weights().info("model.embed_tokens.weight").dtype());
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Path a = make("a", "--seed", "7");
        Path b = make("b", "--seed", "7");
        Path c = make("c", "--seed", "8");

        byte[] weightsA = Files.readAllBytes(a.resolve("model.safetensors"));
        assertArrayEquals(weightsA, Files.readAllBytes(b.resolve("model.safetensors")));
        assertFalse(java.util.Arrays.equals(weightsA, Files.readAllBytes(c.resolve("model.safetensors"))));
        assertArrayEquals(Files.readAllBytes(a.resolve("tokenizer.json")), Files.readAllBytes(c.resolve("tokenizer.json")));
    }

    @Test
    void refusesToWriteIntoANonEmptyDirectoryWithoutForce() throws Exception {
        Path dir = make("twice");

        CliRun again = CliRun.of("make-tiny-model", "--out", dir.toString());
        assertEquals(2, again.exitCode(), again::toString);
        assertTrue(again.err().contains("is not empty"), again.err());

        CliRun forced = CliRun.of("make-tiny-model", "--out", dir.toString(), "--force", "--seed", "3");
        assertEquals(0, forced.exitCode(), forced::toString);
    }

    @Test
    void shapeOptionsAreChecked() {
        CliRun run = CliRun.of("make-tiny-model", "--out", tmp.resolve("x").toString(), "--shape", "qwen3.5-1b");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("qwen3.5-0.8b"), "lists the known shapes: " + run.err());

        CliRun mixed = CliRun.of("make-tiny-model", "--out", tmp.resolve("y").toString(), "--shape", "qwen3.5-0.8b",
                "--layers", "2");
        assertEquals(2, mixed.exitCode(), mixed::toString);
    }

    private Path make(String name, String... options) {
        Path dir = tmp.resolve(name);
        String[] argv = new String[options.length + 3];
        argv[0] = "make-tiny-model";
        argv[1] = "--out";
        argv[2] = dir.toString();
        System.arraycopy(options, 0, argv, 3, options.length);
        CliRun run = CliRun.of(argv);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("outputs are not meaningful"), run.out());
        return dir;
    }
}
