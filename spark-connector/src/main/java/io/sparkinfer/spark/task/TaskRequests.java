package io.sparkinfer.spark.task;

import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Prompt;
import java.util.List;
import java.util.Map;

/**
 * The engine request of each task, from plain values and the merged options: one definition shared by the SQL
 * functions and the DataSource, so that both give the same result for the same input. A bad value throws
 * {@link IllegalArgumentException} with the fix; the caller turns it into that row's error.
 */
public final class TaskRequests {
    /** The instruction of a caption request when the {@code prompt} option does not give one. */
    public static final String DEFAULT_CAPTION_PROMPT = "Describe this image in one sentence.";

    private TaskRequests() {
    }

    /** The prompt as one chat turn (thinking off), or the text as it is with {@code chat=false}. */
    public static InferenceRequest generate(String prompt, Map<String, String> options) {
        Prompt p = TaskKeys.bool(options, "chat", true)
                ? new Prompt.Chat(options.getOrDefault("system", ""), prompt, TaskKeys.bool(options, "thinking", false))
                : Prompt.text(prompt);
        return InferenceRequest.generate(p, GenerateOptions.DEFAULTS.withOptions(options));
    }

    /** The image, then the prompt, as one user turn. */
    public static InferenceRequest generate(String prompt, byte[] image, Map<String, String> options) {
        return InferenceRequest.generate(imageChat(options, prompt, image), GenerateOptions.DEFAULTS.withOptions(options));
    }

    /** A short description of the image; the {@code prompt} option replaces the instruction. */
    public static InferenceRequest caption(byte[] image, Map<String, String> options) {
        String instruction = options.getOrDefault("prompt", DEFAULT_CAPTION_PROMPT);
        return generate(instruction, image, options);
    }

    /** The system turn of a translation into {@code language}. */
    public static String translateInstruction(String language) {
        return "Translate the user's text into " + language.strip() + ". Reply with the translation only, without"
                + " notes, quotes or explanations.";
    }

    /** The text translated into {@code language}; the instruction is the system turn, shared by rows of one target. */
    public static InferenceRequest translate(String text, String language, Map<String, String> options) {
        if (language.isBlank()) {
            throw new IllegalArgumentException("the target language is empty; give a language such as 'French'");
        }
        Prompt p = new Prompt.Chat(translateInstruction(language), text, TaskKeys.bool(options, "thinking", false));
        return InferenceRequest.generate(p, GenerateOptions.DEFAULTS.withOptions(options));
    }

    /** The default system turn of a classification among {@code labels}. */
    public static String classifyInstruction(List<String> labels) {
        return "Classify the user's text. Answer with exactly one of: " + String.join(", ", labels) + ".";
    }

    /** The most likely of {@code labels} (scored, not sampled); the {@code system} option replaces the instruction. */
    public static InferenceRequest classify(String text, List<String> labels, Map<String, String> options) {
        String system = options.getOrDefault("system", classifyInstruction(labels));
        return InferenceRequest.classify(new Prompt.Chat(system, text, false), labels);
    }

    /** The final hidden state of the text as it is (no template), pooled as the {@code pooling} option says. */
    public static InferenceRequest embed(String text, Map<String, String> options) {
        Pooling pooling = options.containsKey("pooling") ? Pooling.parse(options.get("pooling")) : Pooling.LAST;
        return InferenceRequest.embed(Prompt.text(text), pooling);
    }

    private static Prompt imageChat(Map<String, String> options, String text, byte[] image) {
        return new Prompt.Chat(options.getOrDefault("system", ""), text, TaskKeys.bool(options, "thinking", false),
                List.of(image));
    }
}
