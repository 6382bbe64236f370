package io.sparkinfer.engine.vision.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkinfer.engine.config.PreprocessorConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixture goldens' image prompt (index 3): pixel_values and image_grid_thw from image_64x96.png. */
class ImagePreprocessorGoldenTest {

    private static final int IMAGE_PROMPT = 3;

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void pixelValuesMatchTheGolden(String model) throws IOException {
        JsonNode prompt = new ObjectMapper()
                .readTree(TestImages.QWEN35_TINY.resolve("goldens/" + model + ".json").toFile())
                .get("prompts").get(IMAGE_PROMPT);
        Path imageFile = TestImages.QWEN35_TINY.resolve(prompt.get("image").asText());
        PreprocessorConfig config = PreprocessorConfig.load(TestImages.QWEN35_TINY.resolve(model));

        RgbImage image = new ImageDecoder().decode(TestImages.bytes(imageFile));
        PixelValues out = new ImagePreprocessor(config).preprocess(image);

        JsonNode grid = prompt.get("image_grid_thw").get(0);
        assertArrayEquals(new int[] {grid.get(0).asInt(), grid.get(1).asInt(), grid.get(2).asInt()}, out.gridThw());
        JsonNode expected = prompt.get("pixel_values");
        assertEquals(24, expected.size());
        assertEquals(expected.size(), out.patchCount());
        assertEquals(1536, out.patchDim());
        assertEquals(6, out.mergedTokenCount());
        double worst = 0;
        for (int n = 0; n < expected.size(); n++) {
            assertEquals(expected.get(n).size(), out.patches()[n].length, "patch " + n);
            for (int k = 0; k < out.patchDim(); k++) {
                worst = Math.max(worst, Math.abs(expected.get(n).get(k).asDouble() - out.patches()[n][k]));
            }
        }
        assertEquals(0.0, worst, 1e-6, "largest |pixel_values - golden|");
    }
}
