package io.sparkinfer.kernels.host;

/**
 * IEEE 754 binary16 (half) conversions, exact in both directions: Java 17 has no
 * {@code Float.float16ToFloat}. Subnormals, infinities and NaN payloads are kept.
 */
public final class Fp16 {

    private Fp16() {}

    /** Widens a half (given as its 16 bits) to the float of exactly the same value. */
    public static float toFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) { // inf or NaN: keep the payload in the top mantissa bits
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
        }
        if (exp != 0) { // normal: rebias 15 -> 127
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }
        if (mant == 0) {
            return Float.intBitsToFloat(sign); // +-0
        }
        // subnormal half = mant * 2^-24; normal in float, so shift the leading 1 into the implicit bit.
        int shift = Integer.numberOfLeadingZeros(mant) - 21; // 1..10: places until bit 10 is set
        int normalized = (mant << shift) & 0x3FF;
        int floatExp = 113 - shift; // 2^(-14 - shift) with bias 127
        return Float.intBitsToFloat(sign | (floatExp << 23) | (normalized << 13));
    }

    /** Narrows a float to the nearest half (ties to even); overflow gives infinity, NaN stays NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFF_FFFF;
        if (abs >= 0x7F80_0000) { // inf or NaN
            if (abs == 0x7F80_0000) {
                return (short) (sign | 0x7C00);
            }
            int payload = (abs >>> 13) & 0x3FF;
            return (short) (sign | 0x7C00 | (payload == 0 ? 0x200 : payload)); // never let a NaN become inf
        }
        if (abs >= 0x477F_F000) { // >= 65520: halfway above 65504 (odd mantissa), so ties round to inf
            return (short) (sign | 0x7C00);
        }
        if (abs >= 0x3880_0000) { // >= 2^-14: normal half. Drop 13 mantissa bits, rebias 127 -> 15.
            int h = (abs >>> 13) - (112 << 10);
            return (short) (sign | roundDropped(h, abs & 0x1FFF, 0x1000));
        }
        // Subnormal half (units of 2^-24) or zero.
        int exp = abs >>> 23;
        int shift = 126 - exp; // value = m * 2^(exp - 150) = (m >> shift) units of 2^-24
        if (shift > 24) {
            return (short) sign; // below 2^-25 (and float subnormals): rounds to zero
        }
        int m = (abs & 0x7F_FFFF) | 0x80_0000;
        int dropped = m & ((1 << shift) - 1);
        return (short) (sign | roundDropped(m >>> shift, dropped, 1 << (shift - 1)));
    }

    /** Rounds a truncated value up when the dropped bits exceed half a unit, or equal it and kept is odd. */
    private static int roundDropped(int kept, int dropped, int half) {
        return dropped > half || (dropped == half && (kept & 1) == 1) ? kept + 1 : kept;
    }
}
