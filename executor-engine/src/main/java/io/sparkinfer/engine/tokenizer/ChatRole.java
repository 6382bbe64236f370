package io.sparkinfer.engine.tokenizer;

import java.util.Locale;

/** The speaker of a chat message, named as in the OpenAI / Hugging Face message format. */
public enum ChatRole {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL;

    /** The name used in chat messages and templates: {@code system}, {@code user}, {@code assistant}, {@code tool}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException for any other role
     */
    public static ChatRole fromWireName(String role) {
        for (ChatRole candidate : values()) {
            if (candidate.wireName().equals(role)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown chat role '" + role + "': expected one of system, user,"
                + " assistant, tool.");
    }
}
