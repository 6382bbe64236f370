package io.sparkinfer.spark.task;

import io.sparkinfer.engine.runtime.InferenceRequest;

/**
 * The first half of evaluating a call on a row: either a value known at once (NULL for NULL input; NULL or an
 * error struct for bad options, with {@code failed} set), or a request for the engine whose result
 * the caller turns into the value.
 */
public record Begin(InferenceRequest request, Object value, boolean failed) {

    public static Begin ready(Object value) {
        return new Begin(null, value, false);
    }

    public static Begin failedWith(Object value) {
        return new Begin(null, value, true);
    }

    public static Begin submit(InferenceRequest request) {
        return new Begin(request, null, false);
    }

    public boolean needsEngine() {
        return request != null;
    }
}
