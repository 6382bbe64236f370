package io.sparkinfer.engine.cli;

/** Bad command-line arguments: the message says which and what is expected; the usage text follows. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
