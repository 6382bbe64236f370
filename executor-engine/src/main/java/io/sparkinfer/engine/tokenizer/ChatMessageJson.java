package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/** Reads chat messages given as JSON in the OpenAI / Hugging Face format. */
final class ChatMessageJson {

    private ChatMessageJson() {}

    static List<ChatMessage> messages(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("Chat messages must be a JSON array, got: " + messages);
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            try {
                out.add(message(messages.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Chat message " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static ChatMessage message(JsonNode message) {
        if (message == null || !message.isObject()) {
            throw new IllegalArgumentException("A chat message must be a JSON object, got: " + message);
        }
        JsonNode role = message.get("role");
        if (role == null || !role.isTextual()) {
            throw new IllegalArgumentException("A chat message needs a string 'role', got: " + message);
        }
        JsonNode reasoning = message.get("reasoning_content");
        String reasoningText = reasoning == null || reasoning.isNull() ? null : reasoning.asText();
        return new ChatMessage(ChatRole.fromWireName(role.asText()), content(message.get("content")), reasoningText,
                toolCalls(message.get("tool_calls")));
    }

    private static List<ContentPart> content(JsonNode content) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(ContentPart.text(content.asText()));
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException("'content' must be a string or a list of items, got: " + content);
        }
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode item : content) {
            parts.add(part(item));
        }
        return parts;
    }

    /** Same item rules as Qwen's templates: image by type or by an image/image_url key, else text. */
    private static ContentPart part(JsonNode item) {
        String type = item.path("type").asText("");
        if (type.equals("image") || item.has("image") || item.has("image_url")) {
            return ContentPart.image();
        }
        if (type.equals("video") || item.has("video")) {
            throw new IllegalArgumentException("Video content items are not supported: " + item);
        }
        if (item.has("text")) {
            return ContentPart.text(item.get("text").asText());
        }
        throw new IllegalArgumentException("Unexpected content item (neither text nor image): " + item);
    }

    private static List<ToolCall> toolCalls(JsonNode calls) {
        if (calls == null || calls.isNull()) {
            return null;
        }
        if (!calls.isArray()) {
            throw new IllegalArgumentException("'tool_calls' must be a list, got: " + calls);
        }
        List<ToolCall> out = new ArrayList<>();
        for (JsonNode call : calls) {
            JsonNode function = call.has("function") ? call.get("function") : call;
            JsonNode name = function.get("name");
            if (name == null || !name.isTextual()) {
                throw new IllegalArgumentException("A tool call needs a string 'name', got: " + call);
            }
            JsonNode arguments = function.get("arguments");
            out.add(new ToolCall(name.asText(), arguments == null ? JsonNodeFactory.instance.objectNode() : arguments));
        }
        return out;
    }
}
