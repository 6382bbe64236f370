package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static io.sparkinfer.engine.hub.HubTestSupport.MOE_REPO;
import static io.sparkinfer.engine.hub.HubTestSupport.assertSameFiles;
import static io.sparkinfer.engine.hub.HubTestSupport.online;
import static io.sparkinfer.engine.hub.HubTestSupport.resolver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LFS files are checked against the SHA-256 the hub names them by before they enter the cache. */
class HubVerifyTest {

    private static final String SHARD = "model-00001-of-00002.safetensors";

    @TempDir
    Path cache;

    private LocalHubServer server;
    private byte[] shard;
    private String shardSha256;
    private Path blobs;

    @BeforeEach
    void start() throws Exception {
        server = LocalHubServer.start();
        server.addRepo(MOE_REPO, MOE);
        shard = Files.readAllBytes(MOE.resolve(SHARD));
        shardSha256 = LocalHubServer.hex("SHA-256", shard);
        blobs = cache.resolve("models--test-org--tiny-moe/blobs");
    }

    @AfterEach
    void stop() {
        server.close();
    }


    private List<String> shardFilesInBlobs() throws Exception {
        try (Stream<Path> files = Files.list(blobs)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(shardSha256)).toList();
        }
    }

    private static byte[] withMiddleByteFlipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= (byte) 0xff;
        return copy;
    }

    @Test
    void corruptedBytesOfTheRightSizeAreRefusedAndDeleted() throws Exception {
        server.corrupt(SHARD, true);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve(MOE_REPO));

        String actual = LocalHubServer.hex("SHA-256", withMiddleByteFlipped(shard));
        for (String part : List.of("Content mismatch for " + SHARD, "have SHA-256 " + actual,
                "names the file by SHA-256 " + shardSha256, server.endpoint() + "/cdn/" + MOE_REPO + "/" + SHARD,
                "deleted the partial file " + blobs.resolve(shardSha256 + ".incomplete"),
                "Run again to download it again")) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
        assertEquals(List.of(), shardFilesInBlobs(), "neither blob nor partial file is left");
        assertFalse(Files.exists(cache.resolve("models--test-org--tiny-moe/refs/main")));

        server.corrupt(SHARD, false);
        assertSameFiles(MOE, resolver(online(cache, server)).resolve(MOE_REPO));
        assertEquals(Arrays.asList(null, null), server.downloadRanges(SHARD), "the second run downloads the file from the start");
    }

    @Test
    void corruptedPartialFileFromAnEarlierRunIsCaughtAfterResuming() throws Exception {
        int have = 400_000;
        Files.createDirectories(blobs);
        byte[] kept = Arrays.copyOf(shard, have);
        kept[have / 3] ^= 0x01;
        Files.write(blobs.resolve(shardSha256 + ".incomplete"), kept);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve(MOE_REPO));

        assertEquals(List.of("bytes=" + have + "-"), server.downloadRanges(SHARD));
        byte[] resumed = shard.clone();
        resumed[have / 3] ^= 0x01;
        assertTrue(e.getMessage().contains("have SHA-256 " + LocalHubServer.hex("SHA-256", resumed)), e.getMessage());
        assertEquals(List.of(), shardFilesInBlobs());

        assertSameFiles(MOE, resolver(online(cache, server)).resolve(MOE_REPO));
    }

    @Test
    void onlySha256EtagsAreCheckedAgainstTheContent() {
        URI url = URI.create("http://127.0.0.1/org/name/resolve/main/f");
        String lfs = "A".repeat(8) + "0123456789abcdef".repeat(3) + "0123456789ABCDEF".substring(8);
        String gitBlob = LocalHubServer.hex("SHA-1", new byte[] {1, 2, 3});

        assertEquals(Optional.of(lfs.toLowerCase()), new FileMetadata("f", lfs, 1, url, url).expectedSha256());
        assertEquals(Optional.empty(), new FileMetadata("f", gitBlob, 1, url, url).expectedSha256());
        assertEquals(Optional.empty(), new FileMetadata("f", lfs + "0", 1, url, url).expectedSha256());
        assertEquals(Optional.empty(), new FileMetadata("f", "g" + lfs.substring(1), 1, url, url).expectedSha256());
    }
}
