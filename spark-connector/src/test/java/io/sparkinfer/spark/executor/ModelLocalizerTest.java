package io.sparkinfer.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a model from a Hadoop filesystem (here file://) into the local cache: once, checked, atomic. */
class ModelLocalizerTest {

    private static Path model(Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("remote/my-model"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"qwen3_5_text\"}");
        Files.write(dir.resolve("model.safetensors"), new byte[100_000]);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/extra.txt"), "x");
        return dir;
    }

    @Test
    void copiesOnceAndReusesTheCopy(@TempDir Path root) throws Exception {
        Path remote = model(root);
        ModelLocalizer localizer = new ModelLocalizer(root.resolve("cache"), new Configuration());
        Path first = localizer.localize(remote.toUri().toString());
        assertEquals(100_000, Files.size(first.resolve("model.safetensors")));
        assertEquals("x", Files.readString(first.resolve("sub/extra.txt")));
        long stamp = Files.getLastModifiedTime(first.resolve("model.safetensors")).toMillis();
        Thread.sleep(20);
        Path second = localizer.localize(remote.toUri().toString());
        assertEquals(first, second);
        assertEquals(stamp, Files.getLastModifiedTime(second.resolve("model.safetensors")).toMillis(),
                "the second call reuses the copy");
    }

    @Test
    void aChangedRemoteFileIsCopiedAgain(@TempDir Path root) throws Exception {
        Path remote = model(root);
        ModelLocalizer localizer = new ModelLocalizer(root.resolve("cache"), new Configuration());
        Path first = localizer.localize(remote.toUri().toString());
        Files.write(remote.resolve("model.safetensors"), new byte[123]);
        Path again = localizer.localize(remote.toUri().toString());
        assertEquals(first, again);
        assertEquals(123, Files.size(again.resolve("model.safetensors")));
    }

    @Test
    void concurrentCallersShareOneCopyAndLeaveNoStagingFolders(@TempDir Path root) throws Exception {
        Path remote = model(root);
        Path cache = root.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> new ModelLocalizer(cache, new Configuration())
                        .localize(remote.toUri().toString())));
            }
            Path expected = results.get(0).get();
            for (Future<Path> f : results) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
        try (var entries = Files.list(cache)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void aDirectoryWithoutConfigIsRefused(@TempDir Path root) throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        ModelLocalizer localizer = new ModelLocalizer(root.resolve("cache"), new Configuration());
        var e = assertThrows(UncheckedIOException.class, () -> localizer.localize(empty.toUri().toString()));
        assertTrue(e.getMessage().contains("holds no config.json"), e.getMessage());
    }

    @Test
    void differentUrisGetDifferentCacheFolders(@TempDir Path root) throws Exception {
        Path a = model(root);
        Path b = Files.createDirectories(root.resolve("other/my-model"));
        Files.writeString(b.resolve("config.json"), "{}");
        ModelLocalizer localizer = new ModelLocalizer(root.resolve("cache"), new Configuration());
        assertNotEquals(localizer.localize(a.toUri().toString()), localizer.localize(b.toUri().toString()));
    }
}
