package io.sparkinfer.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {

    @Test
    void fixtureStopsOnBothEosIds() {
        GenerationConfig gen = GenerationConfig.load(Fixtures.DENSE, ModelConfig.load(Fixtures.DENSE));

        assertEquals(List.of(482, 480), gen.eosTokenIds());
        assertEquals(OptionalInt.of(480), gen.bosTokenId());
        assertEquals(OptionalInt.of(480), gen.padTokenId());
        assertTrue(gen.doSample());
        assertEquals(OptionalDouble.of(0.6), gen.temperature());
        assertEquals(OptionalInt.of(20), gen.topK());
        assertEquals(OptionalDouble.of(0.95), gen.topP());
        assertTrue(gen.minP().isEmpty());
        assertTrue(gen.repetitionPenalty().isEmpty());
        assertTrue(gen.maxNewTokens().isEmpty());
    }

    @Test
    void absentFileGivesGreedyDefaultsWithConfigEos(@TempDir Path dir) {
        GenerationConfig gen = GenerationConfig.load(dir, ModelConfig.load(Fixtures.DENSE));

        assertEquals(List.of(480), gen.eosTokenIds());
        assertFalse(gen.doSample());
        assertTrue(gen.temperature().isEmpty());
        assertTrue(gen.bosTokenId().isEmpty());
    }

    @Test
    void singleEosIdAndOtherKeys() {
        GenerationConfig gen = GenerationConfig.parse("{\"eos_token_id\": 7, \"min_p\": 0.05,"
                + " \"repetition_penalty\": 1.1, \"max_new_tokens\": 256, \"bos_token_id\": null}", "g.json", List.of(1));

        assertEquals(List.of(7), gen.eosTokenIds());
        assertEquals(OptionalDouble.of(0.05), gen.minP());
        assertEquals(OptionalDouble.of(1.1), gen.repetitionPenalty());
        assertEquals(OptionalInt.of(256), gen.maxNewTokens());
        assertTrue(gen.bosTokenId().isEmpty());
    }

    @Test
    void fileWithoutEosFallsBackToConfigEos() {
        GenerationConfig gen = GenerationConfig.parse("{\"do_sample\": false}", "g.json", List.of(3, 4));
        assertEquals(List.of(3, 4), gen.eosTokenIds());
    }

    @Test
    void releasedWriterRoundTrips(@TempDir Path dir) throws Exception {
        GenerationConfig released = ModelShapes.releasedGenerationConfig();
        Files.writeString(dir.resolve(GenerationConfig.FILE_NAME), released.toJson().toString());

        GenerationConfig read = GenerationConfig.load(dir, ModelShapes.named("qwen3.5-0.8b"));

        assertEquals(released, read);
        assertEquals(List.of(248_046, 248_044), read.eosTokenIds());
        assertEquals(OptionalInt.of(248_044), read.bosTokenId());
    }

    @Test
    void invalidValuesAreRefusedWithFileAndValue() {
        String message = assertThrows(ConfigException.class,
                () -> GenerationConfig.parse("{\"top_p\": 1.5}", "/m/generation_config.json", List.of()))
                .getMessage();
        assertTrue(message.startsWith("/m/generation_config.json: "), message);
        assertTrue(message.contains("top_p=1.5"), message);
    }
}
