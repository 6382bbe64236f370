package io.sparkinfer.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTokenizerTest {

    private static TextTokenizer qwen3;

    @BeforeAll
    static void load() {
        qwen3 = TextTokenizer.load(TokenizerFixtures.QWEN3_DIR);
    }

    @AfterAll
    static void close() {
        qwen3.close();
    }

    @Test
    void publicStringsEncodeToGoldenIds() {
        List<JsonNode> cases = TokenizerFixtures.publicStrings();
        assertEquals(40, cases.size());
        for (JsonNode c : cases) {
            assertArrayEquals(TokenizerFixtures.ints(c.get("ids")), qwen3.encode(c.get("text").asText()),
                    c.get("id").asText());
        }
    }

    @Test
    void idsMapToGoldenTokenStrings() {
        for (JsonNode c : TokenizerFixtures.publicStrings()) {
            JsonNode ids = c.get("ids");
            for (int i = 0; i < ids.size(); i++) {
                String expected = c.get("tokens").get(i).asText();
                assertEquals(expected, qwen3.token(ids.get(i).intValue()), c.get("id").asText() + " token " + i);
                assertEquals(OptionalInt.of(ids.get(i).intValue()), qwen3.tokenId(expected));
            }
        }
    }

    @Test
    void publicStringsDecodeToGoldenText() {
        for (JsonNode c : TokenizerFixtures.publicStrings()) {
            int[] ids = TokenizerFixtures.ints(c.get("ids"));
            String id = c.get("id").asText();
            assertEquals(c.get("decoded").asText(), qwen3.decode(ids, false), id);
            assertEquals(c.get("decoded_skip_special").asText(), qwen3.decode(ids, true), id);
        }
    }

    @Test
    void batchEncodingEqualsOneAtATime() {
        List<String> texts = new ArrayList<>();
        for (JsonNode c : TokenizerFixtures.publicStrings()) {
            texts.add(c.get("text").asText());
        }
        List<int[]> batch = qwen3.encodeBatch(texts);
        assertEquals(texts.size(), batch.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(qwen3.encode(texts.get(i)), batch.get(i), "text " + i);
        }
        assertEquals(List.of(), qwen3.encodeBatch(List.of()));
    }

    @Test
    void longTextIsNeitherTruncatedNorPadded() {
        String text = String.join(" ", Collections.nCopies(200, "The quick brown fox jumps over the lazy dog."));
        int[] ids = qwen3.encode(text);
        assertEquals(200 * 10, ids.length, "10 tokens per sentence, no cap at DJL's default 512");
        assertEquals(text, qwen3.decode(ids, false));
        List<int[]> batch = qwen3.encodeBatch(List.of("a", text));
        assertEquals(1, batch.get(0).length, "short entry of a batch is not padded");
        assertEquals(ids.length, batch.get(1).length);
    }

    @Test
    void textIsNotRewrittenOnEitherSide() {
        // DJL's config-driven options would lower-case, strip accents, add a prefix space or join " ," to ",".
        String text = "Ünïcödé CAPS , spaced . out ! words ? 'tis n't";
        int[] ids = qwen3.encode(text);
        assertEquals(text, qwen3.decode(ids, false));
        assertFalse(qwen3.token(ids[0]).startsWith("Ġ"), "no prefix space was added");
    }

    @Test
    void specialTokenStringsAreSingleTokens() {
        int imStart = qwen3.tokenId("<|im_start|>").getAsInt();
        int imEnd = qwen3.tokenId("<|im_end|>").getAsInt();
        assertEquals(151644, imStart);
        assertEquals(151645, imEnd);
        int[] ids = qwen3.encode("<|im_start|>user\nHi<|im_end|>");
        assertEquals(imStart, ids[0]);
        assertEquals(imEnd, ids[ids.length - 1]);
        assertEquals("user\nHi", qwen3.decode(ids, true));
    }

    @Test
    void vocabularyFacts() {
        assertEquals(151669, qwen3.vocabSize());
        Set<Integer> expectedSpecial = new TreeSet<>();
        IntStream.rangeClosed(151643, 151656).forEach(expectedSpecial::add);
        assertEquals(expectedSpecial, new TreeSet<>(qwen3.specialTokenIds()));
        assertEquals(OptionalInt.of(151667), qwen3.tokenId("<think>"));
        assertFalse(qwen3.specialTokenIds().contains(151667), "<think> is not special in Qwen's files");
        assertEquals("</think>", qwen3.token(151668));
        assertEquals(OptionalInt.empty(), qwen3.tokenId("no such token"));
        assertEquals("!", qwen3.token(0));
        assertThrows(UnsupportedOperationException.class, () -> qwen3.specialTokenIds().add(1));
    }

    @Test
    void emptyTextHasNoIds() {
        assertEquals(0, qwen3.encode("").length);
        assertEquals("", qwen3.decode(new int[0], false));
    }

    @Test
    void badArgumentsFailWithClearMessages() {
        NullPointerException npe = assertThrows(NullPointerException.class, () -> qwen3.encode(null));
        assertTrue(npe.getMessage().contains("text to encode"), npe.getMessage());
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        NullPointerException batchNpe = assertThrows(NullPointerException.class, () -> qwen3.encodeBatch(withNull));
        assertTrue(batchNpe.getMessage().contains("text 2"), batchNpe.getMessage());
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> qwen3.decode(new int[] {1, 151669}, false));
        assertTrue(outOfRange.getMessage().contains("position 1") && outOfRange.getMessage().contains("151669")
                && outOfRange.getMessage().contains("0..151668"), outOfRange.getMessage());
        assertThrows(IllegalArgumentException.class, () -> qwen3.token(-1));
    }

    @Test
    void loadsFromTheFileAsFromTheDirectory() {
        try (TextTokenizer fromFile = TextTokenizer.load(TokenizerFixtures.QWEN3_DIR.resolve("tokenizer.json"))) {
            String text = "Mixed: English, 中文 and العربية";
            assertArrayEquals(qwen3.encode(text), fromFile.encode(text));
            assertEquals(qwen3.vocabSize(), fromFile.vocabSize());
        }
    }

    @Test
    void missingFilesAreNamed(@TempDir Path dir) throws IOException {
        Path absent = dir.resolve("no-such-model");
        IllegalArgumentException noPath = assertThrows(IllegalArgumentException.class, () -> TextTokenizer.load(absent));
        assertTrue(noPath.getMessage().contains(absent.toString()) && noPath.getMessage().contains("does not exist"),
                noPath.getMessage());
        Files.writeString(dir.resolve("config.json"), "{}");
        IllegalArgumentException noJson = assertThrows(IllegalArgumentException.class, () -> TextTokenizer.load(dir));
        assertTrue(noJson.getMessage().contains("has no tokenizer.json") && noJson.getMessage().contains("config.json"),
                noJson.getMessage());
        Path broken = dir.resolve("tokenizer.json");
        Files.writeString(broken, "{\"model\": {\"vocab\": {}}}");
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class, () -> TextTokenizer.load(dir));
        assertTrue(invalid.getMessage().contains(broken.toAbsolutePath().toString())
                && invalid.getMessage().contains("no model.vocab"), invalid.getMessage());
        Files.writeString(broken, "{\"model\": {\"type\": \"NoSuchModel\", \"vocab\": {\"a\": 0}}}");
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> TextTokenizer.load(broken));
        assertTrue(rejected.getMessage().contains("rejected " + broken.toAbsolutePath()), rejected.getMessage());
    }

    @Test
    void closedTokenizerRefusesWork() {
        TextTokenizer tokenizer = TextTokenizer.load(TokenizerFixtures.QWEN3_DIR);
        tokenizer.close();
        tokenizer.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> tokenizer.encode("x"));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }
}
