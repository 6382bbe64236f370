package io.sparkinfer.engine.weights;

import java.nio.file.Path;

/**
 * A checkpoint on disk cannot be used: a safetensors file is corrupt or truncated, an index names a missing
 * shard, or the directory holds no weights sparkinfer can read. The message says which file (and tensor),
 * the offending values, and how to fix it.
 */
public final class CheckpointFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String REEXPORT_HINT =
            "The file is corrupt, truncated or not a safetensors file; re-download or re-export the checkpoint.";

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem inside one safetensors file; {@code tensor} may be null for file-level problems. */
    static CheckpointFormatException inFile(Path file, String tensor, String problem) {
        return new CheckpointFormatException(describe(file, tensor, problem) + ". " + REEXPORT_HINT);
    }

    static CheckpointFormatException inFile(Path file, String tensor, String problem, Throwable cause) {
        return new CheckpointFormatException(describe(file, tensor, problem) + ". " + REEXPORT_HINT, cause);
    }

    private static String describe(Path file, String tensor, String problem) {
        String where = "safetensors file " + file;
        return tensor == null ? where + ": " + problem : where + ", tensor '" + tensor + "': " + problem;
    }
}
