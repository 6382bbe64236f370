package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static io.sparkinfer.engine.hub.HubTestSupport.MOE_REPO;
import static io.sparkinfer.engine.hub.HubTestSupport.assertSameFiles;
import static io.sparkinfer.engine.hub.HubTestSupport.online;
import static io.sparkinfer.engine.hub.HubTestSupport.resolver;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupted, inconsistent and concurrent downloads. */
class HubResumeTest {

    private static final String SHARD = "model-00001-of-00002.safetensors";

    @TempDir
    Path cache;

    private LocalHubServer server;
    private byte[] shard;
    private Path blobs;

    @BeforeEach
    void start() throws Exception {
        server = LocalHubServer.start();
        server.addRepo(MOE_REPO, MOE);
        shard = Files.readAllBytes(MOE.resolve(SHARD));
        blobs = cache.resolve("models--test-org--tiny-moe/blobs");
    }

    @AfterEach
    void stop() {
        server.close();
    }


    @Test
    void droppedConnectionIsResumedWithARangeRequest() throws Exception {
        long cut = 300_000;
        server.cutOnceAfter(SHARD, cut);

        Path snapshot = resolver(online(cache, server)).resolve(MOE_REPO);

        assertSameFiles(MOE, snapshot);
        List<String> ranges = server.downloadRanges(SHARD);
        assertEquals(2, ranges.size(), ranges.toString());
        assertNull(ranges.get(0));
        long resumedAt = Long.parseLong(ranges.get(1).replace("bytes=", "").replace("-", ""));
        assertTrue(resumedAt > 0 && resumedAt <= cut, "resumed at " + resumedAt);
    }

    @Test
    void partialFileFromAnEarlierRunIsResumedWhereItStopped() throws Exception {
        int have = 123_457;
        Files.createDirectories(blobs);
        Files.write(blobs.resolve(LocalHubServer.hex("SHA-256", shard) + ".incomplete"), Arrays.copyOf(shard, have));

        Path snapshot = resolver(online(cache, server)).resolve(MOE_REPO);

        assertEquals(List.of("bytes=" + have + "-"), server.downloadRanges(SHARD));
        assertArrayEquals(shard, Files.readAllBytes(snapshot.resolve(SHARD)));
    }

    @Test
    void serverIgnoringRangeMeansStartingOver() throws Exception {
        server.ignoreRange(true);
        byte[] garbage = new byte[50_000];
        Arrays.fill(garbage, (byte) 0x5a);
        Files.createDirectories(blobs);
        Files.write(blobs.resolve(LocalHubServer.hex("SHA-256", shard) + ".incomplete"), garbage);

        Path snapshot = resolver(online(cache, server)).resolve(MOE_REPO);

        assertEquals(List.of("bytes=50000-"), server.downloadRanges(SHARD));
        assertArrayEquals(shard, Files.readAllBytes(snapshot.resolve(SHARD)));
    }

    @Test
    void connectionDroppedEveryTimeFailsWithUrlAndCachePathAndKeepsThePartialFile() throws Exception {
        server.cutAlwaysAfter(SHARD, 1000);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve(MOE_REPO));

        Path partial = blobs.resolve(LocalHubServer.hex("SHA-256", shard) + ".incomplete");
        assertTrue(e.getMessage().contains(server.endpoint() + "/cdn/" + MOE_REPO + "/" + SHARD), e.getMessage());
        assertTrue(e.getMessage().contains(partial.toString()), e.getMessage());
        assertEquals(3, server.downloadRanges(SHARD).size(), "three attempts");
        assertTrue(Files.size(partial) > 0 && Files.size(partial) <= 3000, "kept " + Files.size(partial));
        assertFalse(Files.exists(cache.resolve("models--test-org--tiny-moe/refs/main")), "no ref to a partial snapshot");
    }

    @Test
    void sizeMismatchDeletesThePartialFileAndSaysSo() throws Exception {
        server.lieAboutSize(SHARD, 7);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve(MOE_REPO));

        String expected = "downloaded " + shard.length + " bytes";
        assertTrue(e.getMessage().contains("Size mismatch") && e.getMessage().contains(expected)
                && e.getMessage().contains("announced " + (shard.length + 7)), e.getMessage());
        assertTrue(e.getMessage().contains("deleted the partial file"), e.getMessage());
        try (var files = Files.list(blobs)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".incomplete")).toList());
        }
        assertFalse(Files.exists(blobs.resolve(LocalHubServer.hex("SHA-256", shard))));
        assertFalse(Files.exists(cache.resolve("models--test-org--tiny-moe/refs/main")));
    }

    @Test
    void concurrentResolversShareOneDownloadPerBlob() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<Path> resolve = () -> resolver(online(cache, server)).resolve(MOE_REPO);
            List<Future<Path>> results = pool.invokeAll(List.of(resolve, resolve, resolve));
            for (Future<Path> result : results) {
                assertSameFiles(MOE, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, server.downloadRanges(SHARD).size(), "each blob is downloaded once");
        long configGets = server.requests().stream()
                .filter(s -> s.method().equals("GET") && s.path().endsWith("/config.json")).count();
        assertEquals(1, configGets);
    }
}
