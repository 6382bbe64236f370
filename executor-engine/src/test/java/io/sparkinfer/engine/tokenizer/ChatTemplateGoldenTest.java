package io.sparkinfer.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renderings compared with Jinja: the project's fixture conversations (Qwen3, with ids), and
 * {@code chat/chat_template_cases.jsonl}, whose expected texts were rendered with jinja2 3.1.6 configured as
 * {@code transformers} does (trim_blocks, lstrip_blocks, loopcontrols, json.dumps-based tojson) from Qwen3's
 * template in the fixture and Qwen3.5's published template.
 */
class ChatTemplateGoldenTest {

    private static TextTokenizer qwen3Tokenizer;

    @BeforeAll
    static void load() {
        qwen3Tokenizer = TextTokenizer.load(TokenizerFixtures.QWEN3_DIR);
    }

    @AfterAll
    static void close() {
        qwen3Tokenizer.close();
    }

    @Test
    void fixtureConversationsRenderAndEncodeExactly() {
        ChatTemplate template = ChatTemplate.forTokenizerConfig(TokenizerFixtures.QWEN3_DIR);
        assertEquals(ChatTemplate.Flavor.QWEN3, template.flavor());
        List<JsonNode> cases = TokenizerFixtures.templateConversations();
        assertEquals(6, cases.size());
        for (JsonNode c : cases) {
            String id = c.get("id").asText();
            String rendered = template.render(ChatMessage.listFromJson(c.get("messages")), options(c));
            assertEquals(c.get("rendered").asText(), rendered, id);
            assertArrayEquals(TokenizerFixtures.ints(c.get("ids")), qwen3Tokenizer.encode(rendered), id);
        }
    }

    @Test
    void casesRenderAsJinjaDoes() {
        List<JsonNode> cases = TokenizerFixtures.jsonLines(Paths.get("src/test/resources/chat/chat_template_cases.jsonl"));
        int compared = 0;
        for (JsonNode c : cases) {
            List<ChatMessage> messages = ChatMessage.listFromJson(c.get("messages"));
            for (Map.Entry<String, JsonNode> expected : c.get("expected").properties()) {
                ChatTemplate template = ChatTemplate.of(ChatTemplate.Flavor.valueOf(expected.getKey()));
                assertEquals(expected.getValue().asText(), template.render(messages, options(c)),
                        c.get("id").asText() + " " + expected.getKey());
                compared++;
            }
        }
        assertEquals(33, compared, "14 cases in both flavours, 2 Qwen3.5-only, 3 Qwen3-only");
    }

    @Test
    void renderingDoesNotChangeTheInputs() {
        JsonNode c = TokenizerFixtures.templateConversations().get(5);
        ChatOptions options = options(c);
        String before = options.tools().toString();
        ChatTemplate.qwen35().render(ChatMessage.listFromJson(c.get("messages")), options);
        assertEquals(before, options.tools().toString());
        assertFalse(options.tools().isEmpty());
    }

    /** kwargs as apply_chat_template reads them: add_generation_prompt defaults to false, enable_thinking to on. */
    static ChatOptions options(JsonNode c) {
        JsonNode kwargs = c.path("kwargs");
        List<JsonNode> tools = new ArrayList<>();
        c.path("tools").forEach(tools::add);
        return new ChatOptions(kwargs.path("add_generation_prompt").asBoolean(false),
                kwargs.path("enable_thinking").asBoolean(true), tools);
    }
}
