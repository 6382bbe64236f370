package io.sparkinfer.engine.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotLinkerTest {

    @TempDir
    Path repo;

    @Test
    void linksRelativelyAndReplacesAStaleEntry() throws Exception {
        Path blob = Files.writeString(Files.createDirectories(repo.resolve("blobs")).resolve("abc"), "fresh");
        Path entry = repo.resolve("snapshots/sha/config.json");
        Files.createDirectories(entry.getParent());
        Files.createSymbolicLink(entry, Path.of("../../blobs/missing"));

        new SnapshotLinker().link(blob, entry);

        assertEquals(Path.of("../../blobs/abc"), Files.readSymbolicLink(entry));
        assertEquals("fresh", Files.readString(entry));
        assertEquals(List.of("config.json"), HubTestSupport.fileNames(entry.getParent()), "no temp files left");
    }

    @Test
    void copiesWhenTheFilesystemRefusesSymlinks() throws Exception {
        Path blob = Files.writeString(Files.createDirectories(repo.resolve("blobs")).resolve("abc"), "bytes");
        Path entry = repo.resolve("snapshots/sha/tokenizer.json");
        SnapshotLinker noSymlinks = new SnapshotLinker((link, target) -> {
            throw new FileSystemException(link.toString(), null, "Operation not permitted");
        });

        noSymlinks.link(blob, entry);

        assertFalse(Files.isSymbolicLink(entry));
        assertEquals("bytes", Files.readString(entry));
        assertTrue(Files.exists(blob), "the blob stays for other snapshots");
        assertEquals(List.of("tokenizer.json"), HubTestSupport.fileNames(entry.getParent()));
    }
}
