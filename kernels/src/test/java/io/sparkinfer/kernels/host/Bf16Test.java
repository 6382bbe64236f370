package io.sparkinfer.kernels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Bf16Test {

    @Test
    void toFloatIsTheUpperHalfOfTheFloatBits() {
        for (int b = 0; b <= 0xFFFF; b++) {
            assertEquals(b << 16, Float.floatToRawIntBits(Bf16.toFloat((short) b)));
        }
    }

    @Test
    void everyNonNanBf16RoundTripsExactlyAndNanStaysNan() {
        for (int b = 0; b <= 0xFFFF; b++) {
            float f = Bf16.toFloat((short) b);
            int back = Bf16.fromFloat(f) & 0xFFFF;
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(Bf16.toFloat((short) back)), "NaN 0x" + Integer.toHexString(b));
                assertEquals(b & 0x8000, back & 0x8000, "sign of NaN 0x" + Integer.toHexString(b));
            } else {
                assertEquals(b, back, "bf16 0x" + Integer.toHexString(b));
            }
        }
    }

    @Test
    void roundsToNearestAndTiesToEven() {
        for (int b = 0; b < 0x7F7F; b++) { // every pair of neighbouring positive finite values below the largest
            int tieBits = (b << 16) | 0x8000;
            int even = (b & 1) == 0 ? b : b + 1;
            for (int sign : new int[] {0, 0x8000_0000}) {
                int s16 = sign >>> 16;
                assertEquals(s16 | even, Bf16.fromFloat(Float.intBitsToFloat(sign | tieBits)) & 0xFFFF);
                assertEquals(s16 | b, Bf16.fromFloat(Float.intBitsToFloat(sign | (tieBits - 1))) & 0xFFFF);
                assertEquals(s16 | (b + 1), Bf16.fromFloat(Float.intBitsToFloat(sign | (tieBits + 1))) & 0xFFFF);
            }
        }
    }

    @Test
    void largestValuesInfinityAndNan() {
        assertEquals(0x7F7F, Bf16.fromFloat(Float.intBitsToFloat(0x7F7F_7FFF)) & 0xFFFF); // largest finite bf16
        assertEquals(0x7F80, Bf16.fromFloat(Float.intBitsToFloat(0x7F7F_8000)) & 0xFFFF); // tie, odd -> inf
        assertEquals(0x7F80, Bf16.fromFloat(Float.MAX_VALUE) & 0xFFFF);
        assertEquals(0xFF80, Bf16.fromFloat(-Float.MAX_VALUE) & 0xFFFF);
        assertEquals(0x7F80, Bf16.fromFloat(Float.POSITIVE_INFINITY) & 0xFFFF);
        assertEquals(0xFF80, Bf16.fromFloat(Float.NEGATIVE_INFINITY) & 0xFFFF);
        assertEquals(0x8000, Bf16.fromFloat(-0f) & 0xFFFF);
        assertEquals(0x7FC0, Bf16.fromFloat(Float.NaN) & 0xFFFF);
        // Rounding 0x7F800001 naively would give infinity; the low-payload NaN must stay NaN.
        assertTrue(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.intBitsToFloat(0x7F80_0001)))));
        assertTrue(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.intBitsToFloat(0xFFFF_FFFF)))));
    }
}
