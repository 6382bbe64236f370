package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static io.sparkinfer.engine.hub.HubTestSupport.MOE_REPO;
import static io.sparkinfer.engine.hub.HubTestSupport.assertSameFiles;
import static io.sparkinfer.engine.hub.HubTestSupport.online;
import static io.sparkinfer.engine.hub.HubTestSupport.resolver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download bodies that go silent mid-way: abandoned after the stall timeout, then resumed or reported. */
class HubStallTest {

    private static final String SHARD = "model-00001-of-00002.safetensors";
    // Long enough that a busy CI machine's pauses between two reads of a flowing body do not count as a stall.
    private static final Duration STALL_TIMEOUT = Duration.ofMillis(1500);
    // Far below the 60 s default: a resolver that ignored its stall timeout would fail these tests.
    private static final Duration TEST_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path cache;

    private LocalHubServer server;
    private Path partial;

    @BeforeEach
    void start() throws Exception {
        server = LocalHubServer.start();
        server.addRepo(MOE_REPO, MOE);
        byte[] shard = Files.readAllBytes(MOE.resolve(SHARD));
        partial = cache.resolve("models--test-org--tiny-moe/blobs")
                .resolve(LocalHubServer.hex("SHA-256", shard) + ".incomplete");
    }

    @AfterEach
    void stop() {
        server.close();
    }


    @Test
    void bodyStalledOnceIsAbandonedAndResumedWithARangeRequest() throws Exception {
        long stallAt = 200_000;
        server.stallOnceAfter(SHARD, stallAt);

        Path snapshot = assertTimeoutPreemptively(TEST_LIMIT,
                () -> resolver(online(cache, server), STALL_TIMEOUT).resolve(MOE_REPO));

        assertSameFiles(MOE, snapshot);
        assertEquals(Arrays.asList(null, "bytes=" + stallAt + "-"), server.downloadRanges(SHARD).subList(0, 2),
                "the first try, then a resume from where the stall left off");
        assertFalse(Files.exists(partial), "the finished partial file was moved into place");
        assertEquals(0, StallWatchdog.pendingChecks(), "finished downloads leave no watchdog check queued");
    }

    @Test
    void bodyStalledEveryTimeFailsSayingSoWithUrlAndCachePath() throws Exception {
        long stallAt = 1000;
        server.stallAlwaysAfter(SHARD, stallAt);
        long started = System.nanoTime();

        ModelResolutionException e = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(
                ModelResolutionException.class,
                () -> resolver(online(cache, server), STALL_TIMEOUT).resolve(MOE_REPO)));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String message = e.getMessage();
        for (String part : List.of("after 3 attempts", "the download stalled: no data arrived for 1.5 s",
                server.endpoint() + "/cdn/" + MOE_REPO + "/" + SHARD, partial.toString(),
                "running again resumes from them")) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
        assertTrue(took.compareTo(STALL_TIMEOUT.multipliedBy(3)) >= 0, "three stalls cannot end in " + took);
        assertEquals(Arrays.asList(null, "bytes=1000-", "bytes=2000-"), server.downloadRanges(SHARD));
        assertEquals(3 * stallAt, Files.size(partial), "each attempt's bytes are kept");
        assertFalse(Files.exists(cache.resolve("models--test-org--tiny-moe/refs/main")), "no ref to a partial snapshot");
        assertEquals(0, StallWatchdog.pendingChecks(), "failed downloads leave no watchdog check queued");
    }
}
