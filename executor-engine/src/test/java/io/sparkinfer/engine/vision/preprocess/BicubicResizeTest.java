package io.sparkinfer.engine.vision.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BicubicResizeTest {

    private static final Path BICUBIC = TestImages.VISION.resolve("bicubic");

    /** Every case of bicubic/cases.json: Pillow 9.4 {@code Image.resize(size, BICUBIC)} output, byte for byte. */
    @Test
    void matchesPillowByteForByte() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(BICUBIC.resolve("cases.json").toFile());
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            RgbImage source = TestImages.readRgbPng(BICUBIC.resolve(c.get("source").asText()));
            RgbImage expected = TestImages.readRgbPng(BICUBIC.resolve(c.get("expected").asText()));
            RgbImage actual = BicubicResize.resize(source, new ImageSize(c.get("height").asInt(), c.get("width").asInt()));
            String difference = TestImages.firstDifference(expected, actual);
            if (difference != null) {
                failures.add(c.get("expected").asText() + ": " + difference);
            }
        }
        assertEquals(10, cases.size());
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"61, 97, 32, 32", "30, 40, 96, 128", "7, 300, 3, 31", "64, 64, 64, 17", "1, 1, 5, 3", "50, 2, 51, 1",
            "33, 129, 207, 13"})
    void agreesWithAPlainFloatingPointBicubicWithinOneLevel(int h, int w, int outH, int outW) {
        RgbImage source = TestImages.random(h, w, h * 1000L + w);
        ImageSize target = new ImageSize(outH, outW);

        RgbImage fast = BicubicResize.resize(source, target);
        RgbImage plain = PlainBicubic.resize(source, target);

        assertEquals(target, fast.size());
        int worst = 0;
        for (int i = 0; i < fast.pixels().length; i++) {
            worst = Math.max(worst, Math.abs((fast.pixels()[i] & 0xFF) - (plain.pixels()[i] & 0xFF)));
        }
        assertTrue(worst <= 1, "largest difference " + worst + " levels");
    }

    @Test
    void sameSizeReturnsTheImageUnchanged() {
        RgbImage source = TestImages.random(5, 7, 1);

        assertSame(source, BicubicResize.resize(source, new ImageSize(5, 7)));
    }

    @Test
    void aConstantImageStaysConstantAtAnySize() {
        RgbImage source = TestImages.constant(13, 29, 0, 128, 255);

        for (ImageSize target : List.of(new ImageSize(3, 4), new ImageSize(64, 96), new ImageSize(13, 5))) {
            RgbImage out = BicubicResize.resize(source, target);
            assertNull(TestImages.firstDifference(TestImages.constant(target.height(), target.width(), 0, 128, 255),
                    out), "at " + target);
        }
    }

    @Test
    void kernelHasPillowsValues() {
        // a = -0.5: |x| < 1: 1.5x^3 - 2.5x^2 + 1; 1 <= |x| < 2: -0.5x^3 + 2.5x^2 - 4x + 2
        assertEquals(1.0, ResampleWeights.cubic(0), 0);
        assertEquals(0.5625, ResampleWeights.cubic(0.5), 0);
        assertEquals(0.5625, ResampleWeights.cubic(-0.5), 0);
        assertEquals(0.0, ResampleWeights.cubic(1), 0);
        assertEquals(-0.0625, ResampleWeights.cubic(1.5), 0);
        assertEquals(0.0, ResampleWeights.cubic(2), 0);
        assertEquals(0.0, ResampleWeights.cubic(7.25), 0);
    }

    @Test
    void halvingTakesPillowsEightTapWeights() {
        // 8 -> 4: scale 2, support 4; output 1 centres at 3.0 over sources 0..6 (min = int(3 - 4 + 0.5) = 0,
        // max = int(3 + 4 + 0.5) = 7); tap j weighs cubic((j - 3 + 0.5) / 2): j=2 and j=3 sit at 0.25 from the
        // centre: 1.5/64 - 2.5/16 + 1 = 0.8671875; j=1, 4 at 0.75: 0.6328125 - 1.40625 + 1 = 0.2265625;
        // j=0, 5 at 1.25: -0.9765625 + 3.90625 - 5 + 2 = -0.0703125; j=6 at 1.75: -2.6796875 + 7.65625 - 7 + 2
        // = -0.0234375. Sum = 2 * (0.8671875 + 0.2265625 - 0.0703125) - 0.0234375 = 2.0234375.
        ResampleWeights w = ResampleWeights.bicubic(8, 4);
        double sum = 2.0234375;
        assertEquals(0, w.first(1));
        assertEquals(7, w.count(1));
        double[] raw = {-0.0703125, 0.2265625, 0.8671875, 0.8671875, 0.2265625, -0.0703125, -0.0234375};
        for (int j = 0; j < raw.length; j++) {
            double scaled = raw[j] / sum * (1 << 22);
            int expected = (int) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
            assertEquals(expected, w.weight(1, j), "tap " + j);
        }
    }
}
