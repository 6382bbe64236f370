package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceFilesTest {

    private static final HubModelId ID = HubModelId.parse("org/model");

    @Test
    void picksConfigsTokenizerAndRootSafetensors() {
        InferenceFiles.Plan plan = InferenceFiles.plan(ID, List.of("README.md", "model.safetensors", "config.json",
                "tokenizer.json", "merges.txt", "pytorch_model.bin", "onnx/model.safetensors", ".gitattributes"));

        assertEquals(List.of("config.json", "tokenizer.json", "merges.txt"), plan.supportFiles());
        assertEquals(List.of("model.safetensors"), plan.weightFiles());
        assertFalse(plan.sharded());
    }

    @Test
    void withAnIndexTheWeightsComeFromIt() {
        InferenceFiles.Plan plan = InferenceFiles.plan(ID, List.of("config.json", "model.safetensors.index.json",
                "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"));

        assertTrue(plan.sharded());
        assertEquals(List.of("config.json", "model.safetensors.index.json"), plan.supportFiles());
        assertEquals(List.of(), plan.weightFiles());
    }

    @Test
    void shardsAreTheDistinctFilesTheIndexNames() {
        List<String> siblings = List.of("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
                "extra.safetensors");

        List<String> shards = InferenceFiles.shardsFromIndex(ID, MOE.resolve("model.safetensors.index.json"), siblings);

        assertEquals(List.of("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"), shards);
    }

    @Test
    void indexNamingAMissingOrEscapingShardIsRefused(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\":{\"a\":\"model-1.safetensors\",\"b\":\"../evil.safetensors\"}}");

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> InferenceFiles.shardsFromIndex(ID, index, List.of("model-1.safetensors", "../evil.safetensors")));

        assertTrue(e.getMessage().contains("'../evil.safetensors'"), e.getMessage());
    }

    @Test
    void pickleOnlyAndGgufOnlyReposAreRefused() {
        ModelResolutionException pickle = assertThrows(ModelResolutionException.class,
                () -> InferenceFiles.plan(ID, List.of("config.json", "pytorch_model-00001-of-00002.bin",
                        "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json")));
        assertTrue(pickle.getMessage().contains("pytorch_model-00001-of-00002.bin, pytorch_model-00002-of-00002.bin")
                && pickle.getMessage().contains("does not read pickle checkpoints"), pickle.getMessage());

        ModelResolutionException gguf = assertThrows(ModelResolutionException.class,
                () -> InferenceFiles.plan(ID, List.of("config.json", "model-q4.gguf")));
        assertTrue(gguf.getMessage().contains("model-q4.gguf; sparkinfer reads safetensors only"), gguf.getMessage());
    }

    @Test
    void tokenizerOnlyRepoIsAllowedButAnEmptyOneIsNot() {
        InferenceFiles.Plan plan = InferenceFiles.plan(ID, List.of("tokenizer.json", "tokenizer_config.json"));
        assertEquals(List.of("tokenizer.json", "tokenizer_config.json"), plan.supportFiles());
        assertEquals(List.of(), plan.weightFiles());

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> InferenceFiles.plan(ID, List.of("README.md", "sub/config.json")));
        assertTrue(e.getMessage().contains("neither config.json nor tokenizer.json")
                && e.getMessage().contains("(root files: README.md)"), e.getMessage());
    }
}
