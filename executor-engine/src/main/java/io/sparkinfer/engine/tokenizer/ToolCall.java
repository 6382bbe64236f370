package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function call made by the assistant.
 *
 * @param name the function name
 * @param arguments a JSON object of named arguments, or a JSON string holding them as text (as the OpenAI
 *     format sends them); the node is copied, so later changes to the caller's node do not show here
 */
public record ToolCall(String name, JsonNode arguments) {

    public ToolCall {
        Objects.requireNonNull(name, "tool call name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Tool call name must not be blank.");
        }
        Objects.requireNonNull(arguments, "arguments of tool call '" + name + "' must not be null (use {} for none)");
        if (!arguments.isObject() && !arguments.isTextual()) {
            throw new IllegalArgumentException("Arguments of tool call '" + name + "' must be a JSON object or a"
                    + " JSON string holding one, got " + arguments.getNodeType() + ": " + arguments);
        }
        arguments = arguments.deepCopy();
    }
}
