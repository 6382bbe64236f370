package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static io.sparkinfer.engine.hub.HubTestSupport.MOE_REPO;
import static io.sparkinfer.engine.hub.HubTestSupport.online;
import static io.sparkinfer.engine.hub.HubTestSupport.resolver;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub id goes from the local test hub into the cache and loads as a checked model, then loads from the cache alone. */
class HubLoadTest {
    private static final String EMBED = "model.language_model.embed_tokens.weight";

    @TempDir
    Path cache;

    @Test
    void downloadedModelLoadsAndASecondRunNeedsNoServer() throws Exception {
        float[] firstEmbedding;
        Path snapshot;
        try (LocalHubServer server = LocalHubServer.start()) {
            server.addRepo(MOE_REPO, MOE);
            snapshot = resolver(online(cache, server)).resolve(MOE_REPO);
            try (Qwen35Checkpoint model = Qwen35Checkpoint.open(snapshot)) {
                assertTrue(model.config().isMoe());
                assertEquals(174, model.layout().checked().size(), "every tensor of the MoE fixture checked");
                firstEmbedding = model.weights().tensor(EMBED).toFloatArray();
            }
        }
        // The server is gone: the resolver must answer from the cache alone, and the weights must be the same.
        HubSettings sameCacheNoServer = new HubSettings(cache, java.net.URI.create("http://127.0.0.1:9"), null, false);
        Path again = resolver(sameCacheNoServer).resolve(MOE_REPO);
        assertEquals(snapshot, again);
        try (Qwen35Checkpoint model = Qwen35Checkpoint.open(again);
             Qwen35Checkpoint original = Qwen35Checkpoint.open(MOE)) {
            assertArrayEquals(original.weights().tensor(EMBED).toFloatArray(), firstEmbedding);
            assertArrayEquals(firstEmbedding, model.weights().tensor(EMBED).toFloatArray());
        }
    }
}
