package io.sparkinfer.kernels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Fp16Test {

    private static final int MAX_FINITE = 0x7BFF; // 65504
    private static final int POSITIVE_INFINITY = 0x7C00;

    @Test
    void everyHalfRoundTripsThroughFloatBitExactly() {
        for (int h = 0; h <= 0xFFFF; h++) {
            int half = h;
            float f = Fp16.toFloat((short) half);
            assertEquals(half, Fp16.fromFloat(f) & 0xFFFF, () -> "half 0x" + Integer.toHexString(half) + " -> " + f);
        }
    }

    @Test
    void toFloatMatchesTheIeeeDefinition() {
        for (int h = 0; h <= 0xFFFF; h++) {
            int sign = h >>> 15;
            int exp = (h >>> 10) & 0x1F;
            int mant = h & 0x3FF;
            float actual = Fp16.toFloat((short) h);
            if (exp == 0x1F) {
                assertEquals(mant != 0, Float.isNaN(actual), "NaN-ness of 0x" + Integer.toHexString(h));
                if (mant == 0) {
                    assertEquals(sign == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY, actual);
                }
                continue;
            }
            double magnitude = exp == 0 ? Math.scalb((double) mant, -24) : Math.scalb(1024.0 + mant, exp - 25);
            double expected = sign == 0 ? magnitude : -magnitude;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    "half 0x" + Integer.toHexString(h)); // raw bits also check the sign of zero
        }
    }

    @Test
    void fromFloatRoundsToNearestAndTiesToEven() {
        for (int h = 0; h <= MAX_FINITE; h++) {
            float lo = Fp16.toFloat((short) h);
            float hi = h + 1 == POSITIVE_INFINITY ? 65536f : Fp16.toFloat((short) (h + 1));
            float mid = (lo + hi) / 2; // exact: halves have 11 significant bits, floats 24
            int even = (h & 1) == 0 ? h : h + 1;
            for (int sign : new int[] {0, 0x8000}) {
                float s = sign == 0 ? 1f : -1f;
                assertEquals(sign | even, Fp16.fromFloat(s * mid) & 0xFFFF, "tie above 0x" + Integer.toHexString(h));
                assertEquals(sign | h, Fp16.fromFloat(s * Math.nextDown(mid)) & 0xFFFF, "below tie " + mid);
                assertEquals(sign | (h + 1), Fp16.fromFloat(s * Math.nextUp(mid)) & 0xFFFF, "above tie " + mid);
            }
        }
    }

    @Test
    void overflowGoesToInfinityAndNanStaysNan() {
        assertEquals(POSITIVE_INFINITY, Fp16.fromFloat(Float.MAX_VALUE) & 0xFFFF);
        assertEquals(0xFC00, Fp16.fromFloat(-1e10f) & 0xFFFF);
        assertEquals(POSITIVE_INFINITY, Fp16.fromFloat(Float.POSITIVE_INFINITY) & 0xFFFF);
        assertEquals(0x8000, Fp16.fromFloat(-0f) & 0xFFFF);
        assertEquals(0, Fp16.fromFloat(Float.MIN_VALUE) & 0xFFFF); // float subnormal underflows to +0
        // A NaN whose payload sits only in the low float bits must not turn into infinity.
        short fromLowPayload = Fp16.fromFloat(Float.intBitsToFloat(0x7F80_0001));
        assertTrue(Float.isNaN(Fp16.toFloat(fromLowPayload)), "0x" + Integer.toHexString(fromLowPayload & 0xFFFF));
        short negativeNan = Fp16.fromFloat(Float.intBitsToFloat(0xFFC0_0000));
        assertEquals(0xFE00, negativeNan & 0xFFFF);
    }
}
