package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.DENSE;
import static io.sparkinfer.engine.hub.HubTestSupport.DENSE_REPO;
import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static io.sparkinfer.engine.hub.HubTestSupport.MOE_REPO;
import static io.sparkinfer.engine.hub.HubTestSupport.assertSameFiles;
import static io.sparkinfer.engine.hub.HubTestSupport.count;
import static io.sparkinfer.engine.hub.HubTestSupport.fileNames;
import static io.sparkinfer.engine.hub.HubTestSupport.online;
import static io.sparkinfer.engine.hub.HubTestSupport.resolver;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local hub into the huggingface_hub cache layout, and reuses that cache. */
class HubDownloadTest {

    @TempDir
    Path cache;

    private LocalHubServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = LocalHubServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void downloadsAShardedModelIntoTheCacheLayout() throws Exception {
        String sha = server.addRepo(MOE_REPO, MOE);

        Path snapshot = resolver(online(cache, server)).resolve(MOE_REPO);

        Path repoDir = cache.resolve("models--test-org--tiny-moe");
        assertEquals(repoDir.resolve("snapshots").resolve(sha), snapshot);
        assertEquals(sha, Files.readString(repoDir.resolve("refs/main")));
        assertSameFiles(MOE, snapshot);
        for (String name : fileNames(snapshot)) {
            Path entry = snapshot.resolve(name);
            assertTrue(Files.isSymbolicLink(entry), name + " should be a symlink");
            Path target = Files.readSymbolicLink(entry);
            assertEquals("../../blobs", target.getParent().toString(), name);
            Path blob = repoDir.resolve("blobs").resolve(target.getFileName());
            assertArrayEquals(Files.readAllBytes(MOE.resolve(name)), Files.readAllBytes(blob), name);
        }
        // LFS files are stored under their sha256 (X-Linked-Etag), small files under the quoted-less ETag.
        byte[] shard = Files.readAllBytes(MOE.resolve("model-00001-of-00002.safetensors"));
        assertTrue(Files.isRegularFile(repoDir.resolve("blobs").resolve(LocalHubServer.hex("SHA-256", shard))));
        byte[] config = Files.readAllBytes(MOE.resolve("config.json"));
        assertTrue(Files.isRegularFile(repoDir.resolve("blobs").resolve(LocalHubServer.hex("SHA-1", config))));
        assertEquals(fileNames(MOE).size(), fileNames(repoDir.resolve("blobs")).size(), "no leftover partial files");
    }

    @Test
    void downloadsASingleFileModel() throws Exception {
        server.addRepo(DENSE_REPO, DENSE);

        Path snapshot = resolver(online(cache, server)).resolve(DENSE_REPO + "@main");

        assertSameFiles(DENSE, snapshot);
    }

    @Test
    void secondOnlineResolveAsksOnlyForTheRevision() throws Exception {
        server.addRepo(MOE_REPO, MOE);
        ModelResolver resolver = resolver(online(cache, server));
        Path first = resolver.resolve(MOE_REPO);
        server.clearRequests();

        Path second = resolver.resolve(MOE_REPO);

        assertEquals(first, second);
        List<LocalHubServer.Seen> seen = server.requests();
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("/api/models/" + MOE_REPO + "/revision/main", seen.get(0).path());
    }

    @Test
    void stoppedServerFallsBackToTheCache() throws Exception {
        server.addRepo(MOE_REPO, MOE);
        Path first = resolver(online(cache, server)).resolve(MOE_REPO);
        int before = server.requests().size();
        server.close();

        Path second = resolver(online(cache, server)).resolve(MOE_REPO);

        assertEquals(first, second);
        assertEquals(before, server.requests().size());
        assertSameFiles(MOE, second);
    }

    @Test
    void offlineFromTheEnvironmentUsesTheCacheWithoutAnyRequest() throws Exception {
        server.addRepo(MOE_REPO, MOE);
        Path first = resolver(online(cache, server)).resolve(MOE_REPO);
        server.clearRequests();
        HubSettings offline = HubSettings.from(Map.of("HF_HUB_CACHE", cache.toString(),
                "HF_ENDPOINT", server.endpoint().toString(), "HF_HUB_OFFLINE", "1"), new Properties());

        Path second = new ModelResolver(offline).resolve(MOE_REPO);

        assertEquals(first, second);
        assertEquals(List.of(), server.requests());
    }

    @Test
    void offlineFindsASnapshotByCommitShaWithoutARef() throws Exception {
        String sha = server.addRepo(MOE_REPO, MOE);
        resolver(online(cache, server)).resolve(MOE_REPO + "@" + sha);
        Path repoDir = cache.resolve("models--test-org--tiny-moe");
        assertFalse(Files.exists(repoDir.resolve("refs")), "a commit sha needs no ref, as in huggingface_hub");

        Path offline = resolver(new HubSettings(cache, server.endpoint(), null, true)).resolve(MOE_REPO + "@" + sha);

        assertEquals(repoDir.resolve("snapshots").resolve(sha), offline);
    }

    @Test
    void downloadsOnlyWhatInferenceReads(@TempDir Path repo) throws Exception {
        for (String name : fileNames(MOE)) {
            Files.copy(MOE.resolve(name), repo.resolve(name));
        }
        List<String> extras = List.of("pytorch_model.bin", "model.gguf", "flax_model.msgpack", "README.md",
                "consolidated.safetensors", "onnx/model.onnx", "original/model.safetensors");
        for (String extra : extras) {
            Files.createDirectories(repo.resolve(extra).getParent());
            Files.writeString(repo.resolve(extra), "not for inference: " + extra);
        }
        Files.writeString(repo.resolve("tokenizer.json"), "{\"model\":{}}");
        server.addRepo(MOE_REPO, repo);

        Path snapshot = resolver(online(cache, server)).resolve(MOE_REPO);

        // The index names two shards: consolidated.safetensors is not among them.
        List<String> expected = new java.util.ArrayList<>(fileNames(MOE));
        expected.add("tokenizer.json");
        expected.sort(null);
        assertEquals(expected, fileNames(snapshot));
        for (String extra : extras) {
            assertEquals(0, count(server.requests(), "GET", extra) + count(server.requests(), "HEAD", extra), extra);
        }
    }
}
