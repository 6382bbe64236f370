package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs naming local directories, and specs that are neither a directory nor a hub id. */
class LocalSpecTest {

    @TempDir
    Path cache;

    // Port 9 (discard) on loopback: any request would fail, so a passing test proves none was needed.
    private ModelResolver resolver() {
        return new ModelResolver(new HubSettings(cache, URI.create("http://127.0.0.1:9"), null, false));
    }

    @Test
    void existingModelDirectoryIsReturnedAsAnAbsolutePath() {
        assertEquals(MOE.toAbsolutePath().normalize(), resolver().resolve(MOE.toString()));
        assertEquals(MOE.toAbsolutePath().normalize(), resolver().resolve("  " + MOE.toAbsolutePath() + "/ "));
    }

    @Test
    void tokenizerOnlyDirectoryIsAccepted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");

        assertEquals(dir.toAbsolutePath(), resolver().resolve(dir.toString()));
    }

    @Test
    void directoryWithoutConfigOrTokenizerIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.safetensors"), "x");

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver().resolve(dir.toString()));

        assertTrue(e.getMessage().contains(dir + " has neither config.json nor tokenizer.json")
                && e.getMessage().contains("[model.safetensors]"), e.getMessage());
    }

    @Test
    void specThatIsNeitherADirectoryNorAHubIdNamesBoth() {
        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver().resolve("models/qwen/0.8b"));

        String message = e.getMessage();
        assertTrue(message.contains("neither an existing local directory (" + Path.of("models/qwen/0.8b")
                .toAbsolutePath() + " does not exist)"), message);
        assertTrue(message.contains("nor a Hugging Face hub id") && message.contains("more than one '/'"), message);
    }

    @Test
    void existingFileIsNotADirectory() {
        Path file = MOE.resolve("config.json");

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver().resolve(file.toString()));

        assertTrue(e.getMessage().contains(file.toAbsolutePath() + " is a file"), e.getMessage());
    }

    @Test
    void emptySpecIsRefused() {
        ModelResolutionException e = assertThrows(ModelResolutionException.class, () -> resolver().resolve(" "));

        assertTrue(e.getMessage().contains("model spec is empty"), e.getMessage());
    }
}
