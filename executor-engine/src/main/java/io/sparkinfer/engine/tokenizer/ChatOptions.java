package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Switches of a chat template rendering, named after the Hugging Face {@code apply_chat_template} arguments.
 *
 * @param addGenerationPrompt end with the opening of an assistant turn, for the model to continue
 * @param enableThinking {@code false} closes an empty think block in the generation prompt, so the model
 *     answers without thinking; {@code true} is the templates' default
 * @param tools function definitions (JSON objects, usually {@code {"type": "function", "function": {...}}}),
 *     listed in the system turn in order; {@code null} is read as none. The nodes are copied.
 */
public record ChatOptions(boolean addGenerationPrompt, boolean enableThinking, List<JsonNode> tools) {

    public ChatOptions {
        List<JsonNode> copies = new ArrayList<>();
        if (tools != null) {
            for (int i = 0; i < tools.size(); i++) {
                copies.add(Objects.requireNonNull(tools.get(i), "tool " + i + " must not be null").deepCopy());
            }
        }
        tools = List.copyOf(copies);
    }

    /** Generation prompt on, thinking on (the templates' default), no tools. */
    public static ChatOptions defaults() {
        return new ChatOptions(true, true, List.of());
    }

    public ChatOptions withAddGenerationPrompt(boolean add) {
        return new ChatOptions(add, enableThinking, tools);
    }

    public ChatOptions withEnableThinking(boolean enable) {
        return new ChatOptions(addGenerationPrompt, enable, tools);
    }

    public ChatOptions withTools(List<JsonNode> newTools) {
        return new ChatOptions(addGenerationPrompt, enableThinking, newTools);
    }
}
