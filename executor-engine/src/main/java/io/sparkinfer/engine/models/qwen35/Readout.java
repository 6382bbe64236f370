package io.sparkinfer.engine.models.qwen35;

/**
 * What one sequence of a forward call wants back. The LM head runs only on rows whose logits someone reads:
 * a prefill chunk in the middle of a prompt wants nothing, an embedding wants hidden states only.
 */
public enum Readout {
    /** Nothing: the call only advances the cache (a prompt chunk before the last). */
    NONE,
    /** Logits of the last new token: one row. */
    LAST_LOGITS,
    /** Logits of every new token: one row per token (scoring a continuation). */
    ALL_LOGITS,
    /** The final hidden state (after the final norm) of the last new token: one row. */
    LAST_HIDDEN,
    /** The final hidden state (after the final norm) of every new token: one row per token. */
    ALL_HIDDEN;

    boolean logits() {
        return this == LAST_LOGITS || this == ALL_LOGITS;
    }

    boolean hidden() {
        return this == LAST_HIDDEN || this == ALL_HIDDEN;
    }

    /** How many rows of a {@code count}-token segment this readout returns. */
    int rows(int count) {
        return switch (this) {
            case NONE -> 0;
            case LAST_LOGITS, LAST_HIDDEN -> 1;
            case ALL_LOGITS, ALL_HIDDEN -> count;
        };
    }
}
