package io.sparkinfer.engine.hub;

/** A model spec could not be turned into a local model directory; the message says why and how to fix it. */
public final class ModelResolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelResolutionException(String message) {
        super(message);
    }

    public ModelResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
