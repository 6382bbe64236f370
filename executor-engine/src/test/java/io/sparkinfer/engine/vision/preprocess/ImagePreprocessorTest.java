package io.sparkinfer.engine.vision.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.config.PreprocessorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    private static final PreprocessorConfig QWEN = PreprocessorConfig.QWEN3_5;

    /**
     * pixel_values built literally as HF does: frames [T, C, H, W] viewed as (1, T, C, H/P/m, m, P, W/P/m, m, P),
     * permuted to (0, 3, 6, 4, 7, 2, 1, 5, 8) and flattened to [patches, C*T*P*P], with a generic permute.
     */
    @Test
    void patchOrderMatchesHfReshapeAndPermute() {
        RgbImage image = TestImages.random(64, 128, 5);
        PixelValues out = new ImagePreprocessor(QWEN).preprocess(image, 65_536); // 64*128 < min: resized

        ImageSize target = SmartResize.targetSize(64, 128, 32, QWEN.minPixels(), 65_536);
        RgbImage resized = BicubicResize.resize(image, target);
        int p = 16;
        int m = 2;
        int t = 2;
        int h = target.height();
        int w = target.width();
        double[] frames = new double[t * 3 * h * w];
        for (int f = 0; f < t; f++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        frames[((f * 3 + c) * h + y) * w + x] = (resized.get(y, x, c) / 255.0 - 0.5) / 0.5;
                    }
                }
            }
        }
        int[] view = {1, t, 3, h / p / m, m, p, w / p / m, m, p};
        double[] permuted = permute(frames, view, new int[] {0, 3, 6, 4, 7, 2, 1, 5, 8});

        assertArrayEquals(new int[] {1, h / p, w / p}, out.gridThw());
        int dim = 3 * t * p * p;
        assertEquals(permuted.length / dim, out.patchCount());
        for (int i = 0; i < permuted.length; i++) {
            assertEquals(permuted[i], out.patches()[i / dim][i % dim], 1e-6, "element " + i);
        }
    }

    @Test
    void requestMaxPixelsLowersTheBound() {
        RgbImage image = TestImages.random(512, 512, 9);
        ImagePreprocessor pre = new ImagePreprocessor(QWEN);

        // 512*512 = 262144 within [65536, 16777216]: kept; 32 x 32 patches, 256 merged tokens.
        PixelValues full = pre.preprocess(image);
        // max 65536: beta = sqrt(262144/65536) = 2; 512/2/32 = 8 -> 256 per side; 16 x 16 patches, 64 tokens.
        PixelValues lowered = pre.preprocess(image, 65_536);

        assertArrayEquals(new int[] {1, 32, 32}, full.gridThw());
        assertEquals(256, full.mergedTokenCount());
        assertArrayEquals(new int[] {1, 16, 16}, lowered.gridThw());
        assertEquals(64, lowered.mergedTokenCount());
        assertEquals(1536, lowered.patchDim());
    }

    @Test
    void requestMaxPixelsCannotRaiseTheBoundOrFallBelowTheMinimum() {
        RgbImage image = TestImages.random(64, 64, 1);
        ImagePreprocessor pre = new ImagePreprocessor(QWEN);

        var above = assertThrows(IllegalArgumentException.class, () -> pre.preprocess(image, 16_777_217L));
        var below = assertThrows(IllegalArgumentException.class, () -> pre.preprocess(image, 65_535));

        assertTrue(above.getMessage().contains("max_pixels=16777217"), above.getMessage());
        assertTrue(above.getMessage().contains("(max_pixels)=16777216"), above.getMessage());
        assertTrue(below.getMessage().contains("(min_pixels)=65536"), below.getMessage());
    }

    @Test
    void resizesToTheSmartResizeTarget() {
        PreprocessorConfig fixture = PreprocessorConfig.load(TestImages.QWEN35_TINY.resolve("dense_bf16"));
        RgbImage image = TestImages.random(100, 150, 3);

        PixelValues out = new ImagePreprocessor(fixture).preprocess(image);

        // min 4096: 100/32 = 3.125 -> 96, 150/32 = 4.69 -> 160; 6 x 10 patches
        assertArrayEquals(new int[] {1, 6, 10}, out.gridThw());
        assertEquals(15, out.mergedTokenCount());
        RgbImage resized = BicubicResize.resize(image, new ImageSize(96, 160));
        // Row layout (channel, frame, y, x): green of pixel (0, 0) at 1 * 2 * 256, blue of its second frame at
        // 2 * 512 + 256; patch 1 is the block's top-right patch, starting at column 16.
        assertEquals((resized.get(0, 0, 1) / 255.0 - 0.5) / 0.5, out.patches()[0][512], 1e-6);
        assertEquals((resized.get(0, 0, 2) / 255.0 - 0.5) / 0.5, out.patches()[0][1024 + 256], 1e-6);
        assertEquals((resized.get(0, 16, 0) / 255.0 - 0.5) / 0.5, out.patches()[1][0], 1e-6);
    }

    @Test
    void unsupportedSettingsAreRefused() {
        PreprocessorConfig bilinear = new PreprocessorConfig(16, 2, 2, 65_536, 16_777_216, List.of(0.5, 0.5, 0.5),
                List.of(0.5, 0.5, 0.5), 1.0 / 255, true, true, true, 2);
        PreprocessorConfig noResize = new PreprocessorConfig(16, 2, 2, 1024, 16_777_216, List.of(0.5, 0.5, 0.5),
                List.of(0.5, 0.5, 0.5), 1.0 / 255, true, true, false, 3);

        var e = assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(bilinear));
        var odd = assertThrows(IllegalArgumentException.class,
                () -> new ImagePreprocessor(noResize).preprocess(TestImages.random(40, 64, 2)));

        assertTrue(e.getMessage().contains("resample=2"), e.getMessage());
        assertTrue(odd.getMessage().contains("40x64"), odd.getMessage());
        assertTrue(odd.getMessage().contains("do_resize=false"), odd.getMessage());
    }

    /** Row-major {@code data} of {@code shape}, axes reordered so that output axis i is input axis perm[i]. */
    private static double[] permute(double[] data, int[] shape, int[] perm) {
        int rank = shape.length;
        int[] strides = new int[rank];
        strides[rank - 1] = 1;
        for (int i = rank - 2; i >= 0; i--) {
            strides[i] = strides[i + 1] * shape[i + 1];
        }
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
        }
        double[] out = new double[data.length];
        int[] index = new int[rank];
        for (int o = 0; o < out.length; o++) {
            int source = 0;
            for (int i = 0; i < rank; i++) {
                source += index[i] * strides[perm[i]];
            }
            out[o] = data[source];
            for (int i = rank - 1; i >= 0 && ++index[i] == outShape[i]; i--) {
                index[i] = 0;
            }
        }
        return out;
    }
}
