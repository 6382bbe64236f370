package io.sparkinfer.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyTokenizerBuilderTest {

    private static final List<String> MULTILINGUAL = List.of(
            "你好，世界！机器学习需要数据。",
            "مرحبا بالعالم، كيف حالك؟",
            "Emoji: 😀🎉👍🏽 ❤️ 👨‍👩‍👧‍👦 🇯🇵",
            "Café crème brûlée, Größe, niño, İstanbul, Zażółć",
            "Привет, мир! नमस्ते दुनिया। สวัสดี こんにちは 안녕하세요",
            "def f(x):\n\treturn x ** 2  # comment\r\n",
            "   spaces   and\n\n\nnew lines  ",
            "Text never seen in the sample: Qwertyuiop ZXCV 987654321 ₿ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢");

    @Test
    void fixtureLayoutForVocab512(@TempDir Path dir) {
        TinyTokenizerLayout layout = TinyTokenizerBuilder.write(dir, 512);
        Map<String, Integer> expected = new LinkedHashMap<>();
        String[] names = {"<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
            "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>",
            "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>",
            "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<tool_response>",
            "</tool_response>", "<think>", "</think>"};
        for (int i = 0; i < names.length; i++) {
            expected.put(names[i], 480 + i);
        }
        assertEquals(expected, layout.addedTokenIds());
        assertEquals(480, layout.bpeTokens());
        assertEquals(480, layout.endOfText());
        assertEquals(482, layout.imEnd());
        assertEquals(492, layout.imagePad());
        assertEquals(505, layout.thinkEnd());
        try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
            assertEquals(506, tokenizer.vocabSize(), "ids 506..511 are unused padding rows");
            expected.forEach((token, id) -> assertEquals(id, tokenizer.tokenId(token).getAsInt(), token));
            Set<Integer> special = new TreeSet<>();
            IntStream.rangeClosed(480, 493).forEach(special::add);
            assertEquals(special, new TreeSet<>(tokenizer.specialTokenIds()));
            assertEquals(" ", tokenizer.decode(new int[] {tokenizer.tokenId("Ġ").getAsInt()}, false));
        }
    }

    @Test
    void roundTripsMultilingualTextWithinTheVocabulary(@TempDir Path dir) {
        TinyTokenizerLayout layout = TinyTokenizerBuilder.write(dir, 512);
        try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
            for (String text : MULTILINGUAL) {
                int[] ids = tokenizer.encode(text);
                assertEquals(text, tokenizer.decode(ids, false), text);
                for (int id : ids) {
                    assertTrue(id >= 0 && id < layout.bpeTokens(), "plain text uses BPE ids only: " + id);
                }
            }
            String english = "The quick brown fox jumps over the lazy dog.";
            int englishTokens = tokenizer.encode(english).length;
            assertTrue(englishTokens < english.length() * 3 / 4, "learned merges are used: " + englishTokens);
            int[] chat = tokenizer.encode("<|im_start|>user\nHi<|im_end|>\n<think>\n");
            assertEquals(layout.imStart(), chat[0]);
            assertTrue(IntStream.of(chat).anyMatch(id -> id == layout.imEnd()));
            assertEquals(layout.thinkStart(), chat[chat.length - 2]);
            assertEquals("user\nHi\n<think>\n", tokenizer.decode(chat, true), "<think> is not special");
        }
    }

    @Test
    void otherVocabSizesPutAddedTokensAt32BelowTheTop(@TempDir Path dir) {
        TinyTokenizerLayout layout = TinyTokenizerBuilder.write(dir, 1024);
        assertEquals(992, layout.endOfText());
        assertEquals(1017, layout.thinkEnd());
        try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
            assertEquals(1018, tokenizer.vocabSize());
            assertEquals(991, tokenizer.tokenId(tokenizer.token(991)).getAsInt(), "BPE ids fill 0..991");
            for (String text : MULTILINGUAL) {
                int[] ids = tokenizer.encode(text);
                assertEquals(text, tokenizer.decode(ids, false));
                assertTrue(IntStream.of(ids).allMatch(id -> id < 992));
            }
        }
    }

    @Test
    void writesTheSameBytesEveryTime(@TempDir Path dir) throws IOException {
        TinyTokenizerBuilder.write(dir.resolve("a"), 512);
        TinyTokenizerBuilder.write(dir.resolve("b"), 512);
        for (String file : List.of("tokenizer.json", "tokenizer_config.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
    }

    @Test
    void configCarriesQwen35ChatTemplateAndTokens(@TempDir Path dir) throws IOException {
        TinyTokenizerLayout layout = TinyTokenizerBuilder.write(dir, 512);
        ChatTemplate template = ChatTemplate.forTokenizerConfig(dir);
        assertEquals(ChatTemplate.Flavor.QWEN3_5, template.flavor());
        var config = TokenizerFixtures.JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        assertEquals("<|im_end|>", config.get("eos_token").asText());
        assertEquals("<|endoftext|>", config.get("pad_token").asText());
        assertTrue(config.get("bos_token").isNull());
        var tokenizerJson = TokenizerFixtures.JSON.readTree(dir.resolve("tokenizer.json").toFile());
        assertEquals("NFC", tokenizerJson.at("/normalizer/type").asText());
        assertEquals(TinyTokenizerBuilder.SPLIT_REGEX, tokenizerJson.at("/pre_tokenizer/pretokenizers/0/pattern/Regex").asText());
        assertEquals(false, tokenizerJson.at("/pre_tokenizer/pretokenizers/1/use_regex").asBoolean(true));
        assertEquals("ByteLevel", tokenizerJson.at("/decoder/type").asText());
        try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
            int[] ids = tokenizer.encode(template.render(List.of(ChatMessage.user("Hello"))));
            assertEquals(layout.imStart(), ids[0]);
            assertEquals(layout.thinkStart(), ids[ids.length - 2]);
            assertEquals("\n", new String(tokenizer.decode(new int[] {ids[ids.length - 1]}, false)
                    .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void rejectsSizesOutsideTheSupportedRange(@TempDir Path dir) {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> TinyTokenizerBuilder.write(dir, 287));
        assertTrue(small.getMessage().contains("at least 288"), small.getMessage());
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> TinyTokenizerBuilder.write(dir, 100_000));
        assertTrue(large.getMessage().contains("too large") && large.getMessage().contains("at most"),
                large.getMessage());
    }
}
