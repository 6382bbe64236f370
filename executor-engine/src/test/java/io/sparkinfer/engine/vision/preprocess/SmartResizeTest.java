package io.sparkinfer.engine.vision.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.config.PreprocessorConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Expected sizes worked out by hand from the spec's formula (factor 32): r(x) = round-half-even(x / 32) * 32;
 * above max: beta = sqrt(H*W/max), side = max(32, floor(side/beta/32) * 32); below min: beta =
 * sqrt(min/(H*W)), side = ceil(side*beta/32) * 32. Qwen3.5 bounds: min 65536, max 16777216.
 */
class SmartResizeTest {

    private static final long MIN = 65_536;
    private static final long MAX = 16_777_216;

    @ParameterizedTest(name = "{0}x{1} min={2} max={3} -> {4}x{5}")
    @CsvSource(textBlock = """
            # no resize needed: fixture image, min 4096: r(64)=64, r(96)=96, 6144 >= 4096
            64,    96,    4096,  16777216, 64,   96
            # exactly min: 256*256 = 65536 is not < min
            256,   256,   65536, 16777216, 256,  256
            512,   768,   65536, 16777216, 512,  768
            # ties: 272/32 = 8.5 -> 8 (even); 400/32 = 12.5 -> 12; 256*384 = 98304
            272,   400,   65536, 16777216, 256,  384
            # ties: 304/32 = 9.5 -> 10; 336/32 = 10.5 -> 10
            304,   336,   65536, 16777216, 320,  320
            # near ties: 303/32 = 9.47 -> 9; 305/32 = 9.53 -> 10
            303,   305,   65536, 16777216, 288,  320
            # 1080/32 = 33.75 -> 34 -> 1088
            1080,  1920,  65536, 16777216, 1088, 1920
            # 720/32 = 22.5 -> 22 (even) -> 704
            720,   1280,  65536, 16777216, 704,  1280
            480,   640,   65536, 16777216, 480,  640
            # 1000/32 = 31.25 -> 31 -> 992
            1000,  1000,  65536, 16777216, 992,  992
            # 3000/32 = 93.75 -> 94 -> 3008; 3008*4000 = 12,032,000 <= max
            3000,  4000,  65536, 16777216, 3008, 4000
            # ties: 336/32 = 10.5 -> 10; 368/32 = 11.5 -> 12; 208/32 = 6.5 -> 6
            336,   336,   65536, 16777216, 320,  320
            368,   208,   65536, 16777216, 384,  192
            # 240/32 = 7.5 -> 8, 272/32 = 8.5 -> 8: 256*256 = 65536 = min, kept
            240,   272,   65536, 16777216, 256,  256
            # 6.5 -> 6, 9.5 -> 10: 192*320 = 61440 < min; beta = sqrt(65536/63232) = 1.01806;
            # 208*beta/32 = 6.617 -> 7 -> 224; 304*beta/32 = 9.672 -> 10 -> 320
            208,   304,   65536, 16777216, 224,  320
            # over max: 4992^2 > max; beta = sqrt(25e6/2^24) = 5000/4096 exactly; 5000/beta/32 = 128 -> 4096
            5000,  5000,  65536, 16777216, 4096, 4096
            # 8000 -> 8000, 6000/32 = 187.5 -> 188 -> 6016; 48,128,000 > max; beta = sqrt(48e6/2^24) = 1.69146;
            # 8000/beta/32 = 147.80 -> 147 -> 4704; 6000/beta/32 = 110.85 -> 110 -> 3520
            8000,  6000,  65536, 16777216, 4704, 3520
            # beta = 20000/4096 exactly -> 4096
            20000, 20000, 65536, 16777216, 4096, 4096
            # 4097/32 = 128.03 -> 128: no resize branch
            4097,  4097,  65536, 16777216, 4096, 4096
            # ratio exactly 200 is allowed: 100000 -> 100000, 500/32 = 15.6 -> 16 -> 512; 51,200,000 > max;
            # beta = sqrt(5e7/2^24) = 1.72633; 100000/beta/32 = 1810.19 -> 57920; 500/beta/32 = 9.05 -> 288
            100000, 500,  65536, 16777216, 57920, 288
            # custom max 8192: 96*96 = 9216 > 8192; beta = sqrt(10000/8192) = 1.10485; 100/beta/32 = 2.83 -> 64
            100,   100,   1024,  8192,     64,   64
            # max-branch floor to 0 is lifted to the factor: r(32)=32, 6000/32 = 187.5 -> 188 -> 6016;
            # 192512 > 65536; beta = sqrt(192000/65536) = 1.71163; 32/beta/32 = 0.58 -> 0 -> max(32, 0) = 32;
            # 6000/beta/32 = 109.54 -> 109 -> 3488
            32,    6000,  1024,  65536,    32,   3488
            # below min: 96*96 < min; beta = sqrt(65536/10000) = 2.56; 100*2.56/32 = 8 -> 256
            100,   100,   65536, 16777216, 256,  256
            # tiny (below the factor): r(10) = 0; beta = sqrt(65536/100) = 25.6; 10*25.6/32 = 8 -> 256
            10,    10,    65536, 16777216, 256,  256
            # 1x1: beta = 256; 256/32 = 8 -> 256
            1,     1,     65536, 16777216, 256,  256
            # 1x200 (ratio 200): r(1) = 0, r(200) = 192; beta = sqrt(65536/200) = 18.1019;
            # 1*beta/32 = 0.566 -> 1 -> 32; 200*beta/32 = 113.14 -> 114 -> 3648
            1,     200,   65536, 16777216, 32,   3648
            # 16/32 = 0.5 -> 0 (even); beta = sqrt(65536/51200) = 1.13137; 0.566 -> 32; 113.14 -> 3648
            16,    3200,  65536, 16777216, 32,   3648
            # 48/32 = 1.5 -> 2 -> 64 (min 4096 holds); with min 65536: beta = 16/3; 48*beta/32 = 8 -> 256
            48,    48,    4096,  16777216, 64,   64
            48,    48,    65536, 16777216, 256,  256
            # 80/32 = 2.5 -> 2 -> 64; min 65536: beta = 3.2; 80*3.2/32 = 8 -> 256
            80,    80,    4096,  16777216, 64,   64
            80,    80,    65536, 16777216, 256,  256
            # 16/32 = 0.5 -> 0; beta = sqrt(4096/256) = 4; 16*4/32 = 2 -> 64
            16,    16,    4096,  16777216, 64,   64
            # 31/32 -> 1 -> 32; 1024 < 4096; beta = sqrt(4096/961) = 2.0645; 31*beta/32 = 2 -> 64
            31,    31,    4096,  16777216, 64,   64
            # r(17) = 32, r(47) = 32: 1024 < 4096; beta = sqrt(4096/799) = 2.26416; 17*beta/32 = 1.20 -> 2 -> 64;
            # 47*beta/32 = 3.33 -> 4 -> 128
            17,    47,    4096,  16777216, 64,   128
            """)
    void matchesTheFormula(int h, int w, long min, long max, int expectedH, int expectedW) {
        ImageSize out = SmartResize.targetSize(h, w, 32, min, max);

        assertEquals(new ImageSize(expectedH, expectedW), out);
        assertEquals(0, out.height() % 32);
        assertEquals(0, out.width() % 32);
    }

    @ParameterizedTest(name = "{0}x{1} is refused")
    @CsvSource({"1, 201, 201.0", "10, 2500, 250.0", "2500, 10, 250.0", "3, 1000, 333.3333333333333"})
    void aspectRatioAbove200IsRefused(int h, int w, String ratio) {
        var e = assertThrows(IllegalArgumentException.class, () -> SmartResize.targetSize(h, w, 32, MIN, MAX));

        assertTrue(e.getMessage().contains("H=" + h + " x W=" + w), e.getMessage());
        assertTrue(e.getMessage().contains("aspect ratio " + ratio), e.getMessage());
        assertTrue(e.getMessage().contains("200"), e.getMessage());
    }

    @Test
    void nonPositiveSidesAndBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SmartResize.targetSize(0, 10, 32, MIN, MAX));
        assertThrows(IllegalArgumentException.class, () -> SmartResize.targetSize(10, -1, 32, MIN, MAX));
        var e = assertThrows(IllegalArgumentException.class, () -> SmartResize.targetSize(10, 10, 32, MAX, MIN));
        assertTrue(e.getMessage().contains("min_pixels=" + MAX), e.getMessage());
    }

    @Test
    void configOverloadUsesTheConfigBounds() {
        // Qwen3.5 defaults: 100x100 -> below min 65536 -> 256x256 (see the table)
        assertEquals(new ImageSize(256, 256), SmartResize.targetSize(new ImageSize(100, 100), PreprocessorConfig.QWEN3_5));
    }
}
