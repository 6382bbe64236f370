package io.sparkinfer.engine.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorConfigTest {

    @Test
    void fixtureValues() {
        PreprocessorConfig p = PreprocessorConfig.load(Fixtures.DENSE);

        assertEquals(16, p.patchSize());
        assertEquals(2, p.temporalPatchSize());
        assertEquals(2, p.mergeSize());
        assertEquals(32, p.resizeFactor());
        assertEquals(4096, p.minPixels());
        assertEquals(16_777_216, p.maxPixels());
        assertEquals(List.of(0.5, 0.5, 0.5), p.imageMean());
        assertEquals(List.of(0.5, 0.5, 0.5), p.imageStd());
        assertEquals(1.0 / 255, p.rescaleFactor(), 1e-15);
        assertTrue(p.doRescale() && p.doNormalize() && p.doResize());
        assertEquals(3, p.resample());
    }

    @Test
    void absentFileGivesTheQwen35Defaults(@TempDir Path dir) {
        PreprocessorConfig p = PreprocessorConfig.load(dir);

        assertEquals(65_536, p.minPixels());
        assertEquals(16_777_216, p.maxPixels());
        assertEquals(16, p.patchSize());
        assertEquals(2, p.mergeSize());
        assertEquals(3, p.resample());
        assertEquals(PreprocessorConfig.QWEN3_5, p);
    }

    @Test
    void fixtureDiffersFromDefaultsOnlyInMinPixels() {
        PreprocessorConfig fixture = PreprocessorConfig.load(Fixtures.DENSE);
        PreprocessorConfig d = PreprocessorConfig.QWEN3_5;
        assertEquals(new PreprocessorConfig(d.patchSize(), d.temporalPatchSize(), d.mergeSize(), 4096, d.maxPixels(),
                d.imageMean(), d.imageStd(), d.rescaleFactor(), d.doRescale(), d.doNormalize(), d.doResize(),
                d.resample()), fixture);
    }

    @Test
    void olderMinMaxPixelKeysOverrideSize() {
        PreprocessorConfig p = PreprocessorConfig.parse("{\"min_pixels\": 3136, \"max_pixels\": 12845056,"
                + " \"size\": {\"shortest_edge\": 1, \"longest_edge\": 2}}", "old.json");

        assertEquals(3136, p.minPixels());
        assertEquals(12_845_056, p.maxPixels());
    }

    @Test
    void writerRoundTrips(@TempDir Path dir) throws Exception {
        PreprocessorConfig fixture = PreprocessorConfig.load(Fixtures.DENSE);
        Files.writeString(dir.resolve(PreprocessorConfig.FILE_NAME), fixture.toJson().toString());

        assertEquals(fixture, PreprocessorConfig.load(dir));
    }

    @Test
    void mustMatchTheVisionTower() {
        VisionConfig vision = ModelConfig.load(Fixtures.DENSE).vision().orElseThrow();
        PreprocessorConfig fixture = PreprocessorConfig.load(Fixtures.DENSE);
        PreprocessorConfig other = PreprocessorConfig.parse("{\"patch_size\": 14}", "pp.json");

        assertDoesNotThrow(() -> fixture.requireCompatible(vision, "pp.json"));
        String message = assertThrows(ConfigException.class, () -> other.requireCompatible(vision, "pp.json"))
                .getMessage();
        assertTrue(message.contains("patch_size=14") && message.contains("patch_size=16"), message);
    }

    @Test
    void invalidValuesAreRefused() {
        String message = assertThrows(ConfigException.class, () -> PreprocessorConfig.parse(
                "{\"size\": {\"shortest_edge\": 100, \"longest_edge\": 50}}", "/m/preprocessor_config.json"))
                .getMessage();
        assertTrue(message.startsWith("/m/preprocessor_config.json: "), message);
        assertTrue(message.contains("=100") && message.contains("=50"), message);
    }

    @Test
    void requestMaxPixelsMayOnlyLowerTheBound() {
        PreprocessorConfig fixture = PreprocessorConfig.load(Fixtures.DENSE); // min 4096, max 16777216

        assertEquals(100_000, fixture.withMaxPixels(100_000).maxPixels());
        assertEquals(4096, fixture.withMaxPixels(4096).maxPixels());
        assertEquals(fixture, fixture.withMaxPixels(16_777_216));
        assertEquals(fixture.imageMean(), fixture.withMaxPixels(100_000).imageMean());
        String above = assertThrows(IllegalArgumentException.class, () -> fixture.withMaxPixels(16_777_217))
                .getMessage();
        String below = assertThrows(IllegalArgumentException.class, () -> fixture.withMaxPixels(4095)).getMessage();
        assertTrue(above.contains("max_pixels=16777217") && above.contains("16777216"), above);
        assertTrue(below.contains("max_pixels=4095") && below.contains("(min_pixels)=4096"), below);
    }
}
