package io.sparkinfer.engine.runtime;

import java.util.Locale;

/** How an embedding pools the prompt's final hidden states. */
public enum Pooling {
    /** The last prompt token's state (the default: decoder models read the whole prompt there). */
    LAST,
    /** The mean over all prompt tokens. */
    MEAN;

    /** {@code last} or {@code mean}, any case. */
    public static Pooling parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option pooling = '" + value + "' is not a pooling; use last or mean");
        }
    }
}
