package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts a blob into a snapshot folder: a relative symlink, or a copy where the filesystem refuses symlinks. */
final class SnapshotLinker {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotLinker.class);

    /** Creates a symbolic link (seam for tests of filesystems without symlinks). */
    interface SymlinkMaker {
        void create(Path link, Path target) throws IOException;
    }

    private final SymlinkMaker symlinks;
    private volatile boolean copyWarned;

    SnapshotLinker() {
        this((link, target) -> Files.createSymbolicLink(link, target));
    }

    SnapshotLinker(SymlinkMaker symlinks) {
        this.symlinks = symlinks;
    }

    /** Makes {@code snapshotFile} show {@code blob}'s bytes; replaces whatever was there in one atomic step. */
    void link(Path blob, Path snapshotFile) throws IOException {
        Path folder = snapshotFile.getParent();
        Files.createDirectories(folder);
        // Built under a unique name and renamed into place, so concurrent resolvers never see a half link.
        Path tmp = folder.resolve("." + snapshotFile.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                symlinks.create(tmp, folder.relativize(blob));
            } catch (UnsupportedOperationException | IOException e) {
                if (!copyWarned) {
                    copyWarned = true;
                    LOG.warn("The filesystem of {} refuses symbolic links ({}); copying blobs into snapshots instead,"
                            + " which needs twice the disk space", folder, e.toString());
                }
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, snapshotFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
