package io.sparkinfer.spark.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    @Test
    void defaultsApplyWhenOnlyTheModelIsSet() {
        SessionSettings s = SessionSettings.from(Map.of("spark.sparkinfer.model", "/models/m"));
        assertEquals("/models/m", s.spec().model());
        assertEquals("auto", s.spec().device());
        assertEquals(512, s.spec().maxBatchTokens());
        assertEquals(256, s.spec().prefillChunk());
        assertEquals(0, s.spec().cacheBudgetBytes());
        assertFalse(s.failOnError());
        assertEquals(256, s.maxInFlightPerTask());
        assertTrue(s.defaultOptions().isEmpty());
    }

    @Test
    void perCallOptionsBeatSessionOptionsWhichBeatDefaults() {
        SessionSettings s = SessionSettings.from(Map.of("spark.sparkinfer.model", "m",
                "spark.sparkinfer.option.max_tokens", "64", "spark.sparkinfer.option.temperature", "0.5"));
        assertEquals(Map.of("max_tokens", "64", "temperature", "0.5"), s.optionsFor(Map.of()));
        assertEquals(Map.of("max_tokens", "8", "temperature", "0.5"), s.optionsFor(Map.of("max_tokens", "8")));
    }

    @Test
    void valuesAreParsedAndBadOnesNamed() {
        SessionSettings s = SessionSettings.from(Map.of("spark.sparkinfer.model", "m", "spark.sparkinfer.cacheBudget",
                "2g", "spark.sparkinfer.failOnError", "TRUE", "spark.sparkinfer.device", "CPU"));
        assertEquals(2L << 30, s.spec().cacheBudgetBytes());
        assertTrue(s.failOnError());
        assertEquals("cpu", s.spec().device());
        var e = assertThrows(IllegalArgumentException.class, () -> SessionSettings.from(Map.of(
                "spark.sparkinfer.model", "m", "spark.sparkinfer.maxBatchTokens", "lots")));
        assertTrue(e.getMessage().contains("spark.sparkinfer.maxBatchTokens = 'lots' must be an integer >= 1"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SessionSettings.from(Map.of(
                "spark.sparkinfer.model", "m", "spark.sparkinfer.prefillChunk", "100")));
        assertTrue(e.getMessage().contains("multiple of 64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SessionSettings.from(Map.of(
                "spark.sparkinfer.model", "m", "spark.sparkinfer.device", "tpu")));
        assertTrue(e.getMessage().contains("use auto, cpu or cuda"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SessionSettings.from(Map.of()));
        assertTrue(e.getMessage().contains("set spark.sparkinfer.model"), e.getMessage());
    }

    @Test
    void everyKeyHasADocLineAndTheRightPrefix() {
        for (ConfKey k : SparkInferConf.ALL) {
            assertTrue(k.name().startsWith("spark.sparkinfer."), k.name());
            assertFalse(k.doc().isBlank(), k.name());
        }
    }
}
