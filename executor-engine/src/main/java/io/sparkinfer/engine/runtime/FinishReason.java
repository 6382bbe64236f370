package io.sparkinfer.engine.runtime;

/** Why a request ended. */
public enum FinishReason {
    /** A stop id, eos or stop string ended generation, or an embedding / classification completed. */
    STOP,
    /** {@code max_tokens} (or the engine's cap, or the context length) ran out. */
    LENGTH,
    /** The request's wall-time limit ran out; the result holds what was generated until then. */
    TIMEOUT,
    /** The request failed; {@link InferenceResult#error()} says why. Other requests were not affected. */
    ERROR
}
