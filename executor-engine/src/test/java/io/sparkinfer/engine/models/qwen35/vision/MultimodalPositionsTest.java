package io.sparkinfer.engine.models.qwen35.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pad expansion and 3-D positions on prompts worked out by hand from spec section 5. */
class MultimodalPositionsTest {
    private static final int PAD = 7;
    private static final int MERGE = 2;
    private static final ImageGrid SQUARE = new ImageGrid(1, 4, 4); // 2 x 2 merged tokens
    private static final ImageGrid WIDE = new ImageGrid(1, 2, 4);   // 1 x 2 merged tokens

    @Test
    void expansionRepeatsEachPadByItsImagesMergedTokens() {
        int[] expanded = ImageTokens.expand(new int[] {1, PAD, 2, PAD, 3}, List.of(SQUARE, WIDE), PAD, MERGE);
        assertArrayEquals(new int[] {1, PAD, PAD, PAD, PAD, 2, PAD, PAD, 3}, expanded);
        assertArrayEquals(new int[] {1, 2, 3, 4, 6, 7}, ImageTokens.padRows(expanded, PAD));
    }

    @Test
    void twoImagesTakeBlockPositionsAndTextContinuesAfterTheLargerSide() {
        int[] ids = {1, PAD, PAD, PAD, PAD, 2, PAD, PAD, 3};
        MultimodalPositions p = MultimodalPositions.of(ids, List.of(SQUARE, WIDE), PAD, MERGE);
        // text 0; square image at c=1: (1, 1+row, 1+col); c += 2; text 3; wide image at c=4: (4, 4, 4+col);
        // c += 2; text 6.
        int[] t = {0, 1, 1, 1, 1, 3, 4, 4, 6};
        int[] h = {0, 1, 1, 2, 2, 3, 4, 4, 6};
        int[] w = {0, 1, 2, 1, 2, 3, 4, 5, 6};
        assertArrayEquals(concat(t, h, w), p.thw());
        assertEquals(7 - ids.length, p.ropeDelta()); // max position 6, plus one, minus 9 tokens
    }

    @Test
    void textOnlyPositionsAreTheIndexOnEveryAxisWithDeltaZero() {
        MultimodalPositions p = MultimodalPositions.of(new int[] {4, 5, 6}, List.of(), PAD, MERGE);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, p.thw());
        assertEquals(0, p.ropeDelta());
    }

    @Test
    void mismatchedPadsAndImagesAreRefusedWithTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageTokens.expand(new int[] {1, PAD, 2}, List.of(SQUARE, WIDE), PAD, MERGE));
        assertTrue(e.getMessage().contains("1 image pad tokens") && e.getMessage().contains("2 images"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultimodalPositions.of(new int[] {1, PAD, 2, 3, 4}, List.of(SQUARE), PAD, MERGE));
        assertTrue(e.getMessage().contains("breaks the run"), e.getMessage()); // an unexpanded pad
        e = assertThrows(IllegalArgumentException.class,
                () -> MultimodalPositions.of(new int[] {1, PAD, 2}, List.of(SQUARE), PAD, MERGE));
        assertTrue(e.getMessage().contains("needs 4 pad tokens"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultimodalPositions.of(new int[] {1, PAD, PAD}, List.of(WIDE, WIDE), PAD, MERGE));
        assertTrue(e.getMessage().contains("1 images but 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ImageGrid(1, 3, 4).mergedTokens(MERGE));
        assertTrue(e.getMessage().contains("divisible by spatial_merge_size=2"), e.getMessage());
    }

    private static int[] concat(int[] a, int[] b, int[] c) {
        int[] out = new int[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
