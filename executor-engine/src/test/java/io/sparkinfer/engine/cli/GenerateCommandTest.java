package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.tokenizer.TextTokenizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `generate --prompt` on a random tiny model: template, tokenizer and decoding of ids without a token. */
class GenerateCommandTest {

    @Test
    void textPromptOnATinyModelPrintsOneLineOfText(@TempDir Path dir) {
        Path model = dir.resolve("m");
        assertEquals(0, CliRun.of("make-tiny-model", "--out", model.toString()).exitCode());

        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "Bonjour, ça va ?", "--system",
                "Be brief.", "--max-tokens", "5", "--backend", "reference");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.out().split("\n").length, run::toString);
        assertFalse(run.out().isBlank(), run::toString);
    }

    @Test
    void idsWithoutATokenAreShownNotFatal(@TempDir Path dir) {
        Path model = dir.resolve("m");
        assertEquals(0, CliRun.of("make-tiny-model", "--out", model.toString()).exitCode());
        try (TextTokenizer tokenizer = TextTokenizer.load(model)) {
            int[] hello = tokenizer.encode("Hello");
            int[] ids = new int[hello.length + 1];
            System.arraycopy(hello, 0, ids, 0, hello.length);
            ids[hello.length] = 509; // an unused padding row of the 512-row tiny vocabulary

            String text = tokenizer.decodeLenient(ids);

            assertEquals("Hello[id 509]", text);
            assertTrue(tokenizer.decodeLenient(hello).equals("Hello"));
        }
    }

    @Test
    void promptAndIdsAreExclusive() {
        CliRun run = CliRun.of("generate", "--model", "x", "--prompt", "a", "--ids", "1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("exactly one of --prompt"), run.err());
    }
}
