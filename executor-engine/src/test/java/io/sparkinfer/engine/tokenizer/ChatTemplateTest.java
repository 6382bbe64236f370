package io.sparkinfer.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Qwen3.5 examples of the spec (section 7), template selection, and the validation messages. */
class ChatTemplateTest {

    private static final ChatTemplate QWEN35 = ChatTemplate.qwen35();
    private static final ChatOptions THINKING_OFF = ChatOptions.defaults().withEnableThinking(false);

    @Test
    void textOnlyUserTurnWithThinkingOn() {
        assertEquals("<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n<think>\n",
                QWEN35.render(List.of(ChatMessage.user("What is 2+2?"))));
    }

    @Test
    void thinkingOffClosesAnEmptyThinkBlock() {
        assertEquals("<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
                QWEN35.render(List.of(ChatMessage.user("What is 2+2?")), THINKING_OFF));
    }

    @Test
    void imageThenTextItemRendersTheVisionTokensInOrder() {
        ChatMessage message = ChatMessage.user(ContentPart.image(), ContentPart.text("Describe this image."));
        assertEquals("<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>Describe this image.<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n", QWEN35.render(List.of(message)));
    }

    @Test
    void wholeContentIsTrimmedNotEachItem() {
        ChatMessage message = ChatMessage.user(ContentPart.text("  Compare "), ContentPart.image(),
                ContentPart.text(" with "), ContentPart.image(), ContentPart.text(" \n"));
        assertEquals("<|im_start|>user\nCompare <|vision_start|><|image_pad|><|vision_end|> with "
                + "<|vision_start|><|image_pad|><|vision_end|><|im_end|>\n", QWEN35.render(List.of(message),
                ChatOptions.defaults().withAddGenerationPrompt(false)));
    }

    @Test
    void systemPlusUser() {
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n",
                QWEN35.render(List.of(ChatMessage.system(" You are terse.\n"), ChatMessage.user("Hi"))));
    }

    @Test
    void reasoningIsDroppedBeforeTheLastQueryAndKeptAfter() {
        List<ChatMessage> messages = List.of(ChatMessage.user("Q1"), ChatMessage.assistant("A1", "thought 1"),
                ChatMessage.user("Q2"), ChatMessage.assistant("A2", "thought 2"));
        assertEquals("<|im_start|>user\nQ1<|im_end|>\n<|im_start|>assistant\nA1<|im_end|>\n"
                + "<|im_start|>user\nQ2<|im_end|>\n<|im_start|>assistant\n<think>\nthought 2\n</think>\n\nA2<|im_end|>\n",
                QWEN35.render(messages, ChatOptions.defaults().withAddGenerationPrompt(false)));
    }

    @Test
    void qwen3GenerationPromptOpensNoThinkBlockUnlessThinkingIsOff() {
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"));
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", ChatTemplate.qwen3().render(messages));
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
                ChatTemplate.qwen3().render(messages, THINKING_OFF));
    }

    @Test
    void stringToolArgumentsAreParsedForQwen35() {
        ObjectNode object = TokenizerFixtures.JSON.createObjectNode().put("city", "Oslo").put("days", 2);
        List<ChatMessage> asObject = toolConversation(object);
        List<ChatMessage> asText = toolConversation(new TextNode("{\"city\": \"Oslo\", \"days\": 2}"));
        String rendered = QWEN35.render(asObject);
        assertEquals(rendered, QWEN35.render(asText));
        assertTrue(rendered.contains("<tool_call>\n<function=weather>\n<parameter=city>\nOslo\n</parameter>\n"
                + "<parameter=days>\n2\n</parameter>\n</function>\n</tool_call><|im_end|>\n"), rendered);
        assertMessage(() -> QWEN35.render(toolConversation(new TextNode("[1, 2]"))), "must be a JSON object");
    }

    @Test
    void flavourIsDetectedFromTheTemplateText(@TempDir Path dir) {
        assertEquals(ChatTemplate.Flavor.QWEN3, ChatTemplate.forTokenizerConfig(TokenizerFixtures.QWEN3_DIR).flavor());
        assertEquals(ChatTemplate.Flavor.QWEN3, ChatTemplate.forTokenizerConfig(
                TokenizerFixtures.QWEN3_DIR.resolve("tokenizer_config.json")).flavor());
        TinyTokenizerBuilder.write(dir, 512);
        assertEquals(ChatTemplate.Flavor.QWEN3_5, ChatTemplate.forTokenizerConfig(dir).flavor());
        ObjectNode listForm = TokenizerFixtures.JSON.createObjectNode();
        listForm.putArray("chat_template").addObject().put("name", "default")
                .put("template", "<|im_start|>{{ x }}<|im_end|><think><|image_pad|>");
        assertEquals(ChatTemplate.Flavor.QWEN3_5, ChatTemplate.forTokenizerConfig(listForm).flavor());
        ObjectNode other = TokenizerFixtures.JSON.createObjectNode()
                .put("chat_template", "{% for m in messages %}[INST] {{ m.content }} [/INST]{% endfor %}");
        assertMessage(() -> ChatTemplate.forTokenizerConfig(other), "Unsupported chat template");
        assertMessage(() -> ChatTemplate.forTokenizerConfig(TokenizerFixtures.JSON.createObjectNode()),
                "no chat_template");
        assertMessage(() -> ChatTemplate.forTokenizerConfig(dir.resolve("absent")), "No tokenizer_config.json");
    }

    @Test
    void conversationRulesAreEnforcedWithClearMessages() {
        assertMessage(() -> QWEN35.render(List.of()), "No messages provided");
        assertMessage(() -> ChatTemplate.qwen3().render(List.of()), "No messages provided");
        assertMessage(() -> QWEN35.render(List.of(ChatMessage.user("a"), ChatMessage.system("b"))),
                "System message must be at the beginning: message 1");
        ChatMessage imageSystem = new ChatMessage(ChatRole.SYSTEM, List.of(ContentPart.image()), null, null);
        assertMessage(() -> QWEN35.render(List.of(imageSystem, ChatMessage.user("x"))),
                "System message cannot contain images");
        assertMessage(() -> QWEN35.render(List.of(ChatMessage.system("s"), ChatMessage.assistant("a"))),
                "No user query found");
        assertMessage(() -> ChatTemplate.qwen3().render(List.of(ChatMessage.user(ContentPart.image()))),
                "ChatTemplate.qwen35()");
        List<ChatMessage> withNull = new ArrayList<>(List.of(ChatMessage.user("x")));
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> QWEN35.render(withNull));
    }

    @Test
    void messagesAreValidatedWhenBuiltOrRead() throws Exception {
        assertMessage(() -> ChatRole.fromWireName("developer"), "Unknown chat role 'developer'");
        JsonNode badRole = TokenizerFixtures.JSON.readTree("[{\"role\": \"user\", \"content\": \"a\"},"
                + " {\"role\": \"developer\", \"content\": \"b\"}]");
        assertMessage(() -> ChatMessage.listFromJson(badRole), "Chat message 1: Unknown chat role 'developer'");
        JsonNode video = TokenizerFixtures.JSON.readTree("{\"role\": \"user\", \"content\": [{\"type\": \"video\"}]}");
        assertMessage(() -> ChatMessage.fromJson(video), "Video content items are not supported");
        assertMessage(() -> new ChatMessage(ChatRole.USER, List.of(ContentPart.text("x")), "thinking", null),
                "Only assistant messages carry reasoning");
        assertMessage(() -> new ChatMessage(ChatRole.TOOL, null, null,
                List.of(new ToolCall("f", TokenizerFixtures.JSON.createObjectNode()))), "Only assistant messages carry tool calls");
        assertMessage(() -> new ToolCall("f", TokenizerFixtures.JSON.createArrayNode()), "must be a JSON object");
        assertMessage(() -> new ToolCall(" ", TokenizerFixtures.JSON.createObjectNode()), "must not be blank");
        assertEquals(ChatRole.ASSISTANT, ChatRole.fromWireName("assistant"));
        NullPointerException nullItem = assertThrows(NullPointerException.class,
                () -> ChatMessage.user(ContentPart.text("a"), null));
        assertEquals("content item 1 of a user message is null", nullItem.getMessage());
    }

    private static List<ChatMessage> toolConversation(JsonNode arguments) {
        ChatMessage call = new ChatMessage(ChatRole.ASSISTANT, null, null, List.of(new ToolCall("weather", arguments)));
        return List.of(ChatMessage.user("Weather?"), call, ChatMessage.tool("{\"temp\": 3}"));
    }

    private static void assertMessage(Executable action, String expectedPart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
    }
}
