package io.sparkinfer.engine.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Writes a file through a temporary sibling and a rename, so readers never see a half-written file. */
final class AtomicFiles {

    /** Writes the whole content of the temporary file. */
    @FunctionalInterface
    interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    static void write(Path target, Body body) {
        Path absolute = target.toAbsolutePath();
        // Same directory as the target so the final move is a rename on one file system.
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(channel);
                channel.force(false);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    private static void deleteQuietly(Path temp, Throwable pending) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            pending.addSuppressed(e);
        }
    }
}
