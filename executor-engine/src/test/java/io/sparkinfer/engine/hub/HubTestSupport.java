package io.sparkinfer.engine.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Fixtures and helpers shared by the hub tests. */
final class HubTestSupport {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/qwen35-tiny");
    static final Path MOE = FIXTURES.resolve("moe_bf16");
    static final Path DENSE = FIXTURES.resolve("dense_bf16");
    static final String MOE_REPO = "test-org/tiny-moe";
    static final String DENSE_REPO = "test-org/tiny-dense";

    private HubTestSupport() {
    }

    static HubSettings online(Path cache, LocalHubServer server) {
        return new HubSettings(cache, server.endpoint(), null, false);
    }

    /** A resolver that retries quickly, so fault tests stay fast. */
    static ModelResolver resolver(HubSettings settings) {
        return resolver(settings, DownloadPolicy.DEFAULT.stallTimeout());
    }

    /** A resolver that retries quickly and abandons a body after {@code stallTimeout} without bytes. */
    static ModelResolver resolver(HubSettings settings, Duration stallTimeout) {
        return new ModelResolver(settings, new DownloadPolicy(3, Duration.ofMillis(20), stallTimeout),
                new SnapshotLinker());
    }

    static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file of {@code original} is in {@code snapshot} with the same bytes, and nothing else is. */
    static void assertSameFiles(Path original, Path snapshot) throws IOException {
        assertEquals(fileNames(original), fileNames(snapshot));
        for (String name : fileNames(original)) {
            assertArrayEquals(Files.readAllBytes(original.resolve(name)), Files.readAllBytes(snapshot.resolve(name)),
                    name);
        }
    }

    static long count(List<LocalHubServer.Seen> seen, String method, String pathPart) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().contains(pathPart)).count();
    }
}
