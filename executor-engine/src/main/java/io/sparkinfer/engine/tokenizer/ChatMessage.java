package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role who speaks
 * @param content the content items in order; {@code null} is read as no content (an assistant turn that only
 *     calls tools)
 * @param reasoningContent the assistant's thinking, or {@code null} when not given separately (the templates
 *     then look for a {@code </think>} in the content); assistant messages only
 * @param toolCalls the assistant's function calls; {@code null} is read as none; assistant messages only
 */
public record ChatMessage(ChatRole role, List<ContentPart> content, String reasoningContent, List<ToolCall> toolCalls) {

    public ChatMessage {
        Objects.requireNonNull(role, "chat message role must not be null");
        content = content == null ? List.of() : copyWithoutNulls(content, "content item", role);
        toolCalls = toolCalls == null ? List.of() : copyWithoutNulls(toolCalls, "tool call", role);
        if (role != ChatRole.ASSISTANT && reasoningContent != null) {
            throw new IllegalArgumentException("Only assistant messages carry reasoning content; this "
                    + role.wireName() + " message has some.");
        }
        if (role != ChatRole.ASSISTANT && !toolCalls.isEmpty()) {
            throw new IllegalArgumentException("Only assistant messages carry tool calls; this " + role.wireName()
                    + " message has " + toolCalls.size() + ".");
        }
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(ChatRole.SYSTEM, List.of(ContentPart.text(text)), null, null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(ChatRole.USER, List.of(ContentPart.text(text)), null, null);
    }

    /** A user turn of several items, for example an image followed by a question. */
    public static ChatMessage user(ContentPart... parts) {
        return new ChatMessage(ChatRole.USER, Arrays.asList(parts), null, null);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(ChatRole.ASSISTANT, List.of(ContentPart.text(text)), null, null);
    }

    /** An assistant turn with its thinking given apart from the answer. */
    public static ChatMessage assistant(String text, String reasoning) {
        return new ChatMessage(ChatRole.ASSISTANT, List.of(ContentPart.text(text)), reasoning, null);
    }

    /** A tool's answer to an assistant's tool call. */
    public static ChatMessage tool(String text) {
        return new ChatMessage(ChatRole.TOOL, List.of(ContentPart.text(text)), null, null);
    }

    /**
     * Reads a message in the OpenAI / Hugging Face format: {@code role}, {@code content} (a string, or a list of
     * {@code {"type": "text", "text": ...}} and {@code {"type": "image", ...}} items), optional
     * {@code reasoning_content} and {@code tool_calls}.
     *
     * @throws IllegalArgumentException when the JSON does not have that shape
     */
    public static ChatMessage fromJson(JsonNode message) {
        return ChatMessageJson.message(message);
    }

    /** Reads a JSON array of messages with {@link #fromJson}. */
    public static List<ChatMessage> listFromJson(JsonNode messages) {
        return ChatMessageJson.messages(messages);
    }

    /** The text items joined in order; image items contribute nothing. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }

    private static <T> List<T> copyWithoutNulls(List<T> items, String what, ChatRole role) {
        for (int i = 0; i < items.size(); i++) {
            Objects.requireNonNull(items.get(i), what + " " + i + " of a " + role.wireName() + " message is null");
        }
        return List.copyOf(items);
    }

    boolean hasImage() {
        return content.stream().anyMatch(part -> part instanceof ContentPart.Image);
    }
}
