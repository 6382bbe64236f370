package io.sparkinfer.engine.runtime;

import java.util.List;
import java.util.Objects;

/**
 * One unit of work for the engine: a prompt and a task, with the task's options ({@code generate} for
 * GENERATE, {@code pooling} for EMBED, {@code labels} for CLASSIFY; the others are ignored).
 */
public record InferenceRequest(Task task, Prompt prompt, GenerateOptions generate, Pooling pooling,
        List<String> labels) {

    public InferenceRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(prompt, "prompt");
        generate = generate == null ? GenerateOptions.DEFAULTS : generate;
        pooling = pooling == null ? Pooling.LAST : pooling;
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public static InferenceRequest generate(Prompt prompt, GenerateOptions options) {
        return new InferenceRequest(Task.GENERATE, prompt, options, null, null);
    }

    public static InferenceRequest embed(Prompt prompt, Pooling pooling) {
        return new InferenceRequest(Task.EMBED, prompt, null, pooling, null);
    }

    public static InferenceRequest classify(Prompt prompt, List<String> labels) {
        return new InferenceRequest(Task.CLASSIFY, prompt, null, null, labels);
    }
}
