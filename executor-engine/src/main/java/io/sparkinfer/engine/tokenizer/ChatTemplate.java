package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Renders a conversation into the prompt text of a Qwen model, byte for byte as {@code transformers}'
 * {@code apply_chat_template} does with the model's Jinja template. The templates are re-implemented here in
 * plain Java (Java Jinja engines fail on Qwen's templates); the output is then tokenized with
 * {@link TextTokenizer#encode}, which recognises the special-token strings.
 *
 * <p>Two flavours: {@link Flavor#QWEN3} (the template in Qwen3's tokenizer_config.json) and
 * {@link Flavor#QWEN3_5} (Qwen3.5's, with image items and thinking on by default). {@link #forTokenizerConfig}
 * picks one from a model's template text. Immutable and thread-safe.
 */
public final class ChatTemplate {

    /** The supported template families. */
    public enum Flavor {
        QWEN3,
        QWEN3_5
    }

    private static final ChatTemplate QWEN3 = new ChatTemplate(Flavor.QWEN3);
    private static final ChatTemplate QWEN3_5 = new ChatTemplate(Flavor.QWEN3_5);

    private final Flavor flavor;

    private ChatTemplate(Flavor flavor) {
        this.flavor = flavor;
    }

    public static ChatTemplate qwen3() {
        return QWEN3;
    }

    public static ChatTemplate qwen35() {
        return QWEN3_5;
    }

    public static ChatTemplate of(Flavor flavor) {
        return Objects.requireNonNull(flavor, "flavor must not be null") == Flavor.QWEN3 ? QWEN3 : QWEN3_5;
    }

    /**
     * The template of a model, from its {@code tokenizer_config.json} (the file, or the model directory).
     *
     * @throws IllegalArgumentException when the file is missing, has no chat template, or has one of another family
     * @throws UncheckedIOException when it cannot be read
     */
    public static ChatTemplate forTokenizerConfig(Path tokenizerConfig) {
        Path file = TokenizerFiles.tokenizerConfigJson(tokenizerConfig);
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        try {
            return forTokenizerConfig(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The template named by a parsed {@code tokenizer_config.json}.
     *
     * @throws IllegalArgumentException when it has no chat template, or one of another family
     */
    public static ChatTemplate forTokenizerConfig(JsonNode tokenizerConfig) {
        Objects.requireNonNull(tokenizerConfig, "tokenizer config must not be null");
        return of(ChatTemplateDetector.flavorOf(ChatTemplateDetector.templateText(tokenizerConfig)));
    }

    public Flavor flavor() {
        return flavor;
    }

    /** Renders with {@link ChatOptions#defaults()}: generation prompt on, thinking on, no tools. */
    public String render(List<ChatMessage> messages) {
        return render(messages, ChatOptions.defaults());
    }

    /**
     * Renders a conversation.
     *
     * @throws IllegalArgumentException when the conversation is empty or breaks the template's rules (for
     *     Qwen3.5: a system message that is not first, an image in a system message, no user query; for Qwen3:
     *     an image anywhere)
     */
    public String render(List<ChatMessage> messages, ChatOptions options) {
        Objects.requireNonNull(messages, "messages must not be null");
        Objects.requireNonNull(options, "chat options must not be null");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("No messages provided: a conversation needs at least one message.");
        }
        for (int i = 0; i < messages.size(); i++) {
            Objects.requireNonNull(messages.get(i), "message " + i + " must not be null");
        }
        return flavor == Flavor.QWEN3 ? Qwen3ChatRenderer.render(messages, options)
                : Qwen35ChatRenderer.render(messages, options);
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + flavor + "]";
    }
}
