package io.sparkinfer.engine.runtime;

/**
 * Where a request's time went, in milliseconds from its submission: waiting for admission, until its prompt
 * was computed (for generation: the first token), and until it finished.
 */
public record Timings(double queuedMillis, double promptMillis, double totalMillis) {
    public static final Timings NONE = new Timings(0, 0, 0);
}
