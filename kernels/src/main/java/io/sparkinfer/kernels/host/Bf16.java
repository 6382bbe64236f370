package io.sparkinfer.kernels.host;

/** bfloat16 conversions: a bf16 is the upper 16 bits of a float32. */
public final class Bf16 {

    private Bf16() {}

    /** Widens a bf16 (given as its 16 bits) to float; exact. */
    public static float toFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }

    /** Narrows a float to the nearest bf16 (ties to even); overflow gives infinity, NaN stays NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            // NaN: truncate, and set the quiet bit so a payload living only in the low bits survives.
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
