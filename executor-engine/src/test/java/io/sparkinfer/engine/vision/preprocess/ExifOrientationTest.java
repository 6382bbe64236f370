package io.sparkinfer.engine.vision.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {

    /**
     * A stored 2 x 3 image whose pixels are labelled 1..6 (row-major, all three channels = label):
     * <pre>
     *   1 2 3
     *   4 5 6
     * </pre>
     * and the upright picture for each orientation, worked out from the EXIF definitions.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource(delimiter = '|', textBlock = """
            2 | 3 | 3 2 1 6 5 4
            3 | 3 | 6 5 4 3 2 1
            4 | 3 | 4 5 6 1 2 3
            5 | 2 | 1 4 2 5 3 6
            6 | 2 | 4 1 5 2 6 3
            7 | 2 | 6 3 5 2 4 1
            8 | 2 | 3 6 2 5 1 4
            """)
    void turnsTheStoredImageUpright(int orientation, int expectedWidth, String expectedLabels) {
        RgbImage stored = labelled(2, 3, 1, 2, 3, 4, 5, 6);
        int[] labels = Arrays.stream(expectedLabels.trim().split(" ")).mapToInt(Integer::parseInt).toArray();

        RgbImage upright = ExifOrientation.apply(stored, orientation);

        assertEquals(new ImageSize(6 / expectedWidth, expectedWidth), upright.size());
        int[] actual = new int[6];
        for (int i = 0; i < 6; i++) {
            actual[i] = upright.pixels()[i * 3] & 0xFF;
            assertEquals(actual[i], upright.pixels()[i * 3 + 2] & 0xFF);
        }
        assertArrayEquals(labels, actual);
    }

    @Test
    void orientationOneIsTheSameImage() {
        RgbImage stored = labelled(2, 3, 1, 2, 3, 4, 5, 6);

        assertSame(stored, ExifOrientation.apply(stored, 1));
        assertThrows(IllegalArgumentException.class, () -> ExifOrientation.apply(stored, 9));
    }

    @Test
    void headerParsingIsNeutralOnMissingOrBrokenExif() throws Exception {
        byte[] jpeg = TestEncodings.encode(new java.awt.image.BufferedImage(8, 8,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "jpg");

        assertEquals(1, JpegMarkers.exifOrientation(jpeg));
        assertEquals(6, JpegMarkers.exifOrientation(TestEncodings.withExifOrientation(jpeg, 6, false)));
        assertEquals(3, JpegMarkers.exifOrientation(TestEncodings.withExifOrientation(jpeg, 3, true)));
        // An out-of-range value is ignored, as Pillow's exif_transpose ignores it.
        assertEquals(1, JpegMarkers.exifOrientation(TestEncodings.withExifOrientation(jpeg, 9, false)));
        // Cut inside the APP1 segment: its length runs past the end, so nothing is read from it.
        byte[] tagged = TestEncodings.withExifOrientation(jpeg, 6, false);
        assertEquals(1, JpegMarkers.exifOrientation(Arrays.copyOf(tagged, 20)));
        assertEquals(1, JpegMarkers.exifOrientation(new byte[] {(byte) 0xFF, (byte) 0xD8}));
    }

    private static RgbImage labelled(int height, int width, int... labels) {
        byte[] rgb = new byte[height * width * 3];
        for (int i = 0; i < labels.length; i++) {
            Arrays.fill(rgb, i * 3, i * 3 + 3, (byte) labels[i]);
        }
        return new RgbImage(height, width, rgb);
    }
}
