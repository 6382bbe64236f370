package io.sparkinfer.engine.runtime;

/** What a request asks of the model. */
public enum Task {
    /** Continue the prompt with generated text. */
    GENERATE,
    /** A pooled, L2-normalised final hidden state of the prompt (no LM head). */
    EMBED,
    /** Which of the given labels is the likeliest continuation of the prompt. */
    CLASSIFY
}
