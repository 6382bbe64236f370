package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.host.Bf16;
import io.sparkinfer.kernels.host.Fp16;
import io.sparkinfer.kernels.host.HostTensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API building blocks shared by the CPU ops. Widths come from {@link FloatVector#SPECIES_PREFERRED}
 * (16 lanes with AVX-512, 8 with AVX2): nothing assumes one. Lanes are summed in a fixed tree
 * ({@link #sumLanes}) rather than with {@code reduceLanes}, whose association order is left to the
 * implementation (and may differ between the interpreter and the JIT), so a call gives the same bits every time.
 */
final class CpuVectors {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int LANES = F.length();
    /** As many 16-bit lanes as {@link #F} has floats, and the int species of F's shape, for widening. */
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(LANES * 16));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    /** Lane i takes lane i ^ d: the partners of one level of the lane-sum tree (identity beyond the width). */
    private static final VectorShuffle<Float> XOR_8 = VectorShuffle.fromOp(F, i -> (i ^ 8) < LANES ? i ^ 8 : i);
    private static final VectorShuffle<Float> XOR_4 = VectorShuffle.fromOp(F, i -> (i ^ 4) < LANES ? i ^ 4 : i);
    private static final VectorShuffle<Float> XOR_2 = VectorShuffle.fromOp(F, i -> (i ^ 2) < LANES ? i ^ 2 : i);
    private static final VectorShuffle<Float> XOR_1 = VectorShuffle.fromOp(F, i -> (i ^ 1) < LANES ? i ^ 1 : i);

    private CpuVectors() {}

    /**
     * The sum of v's lanes as a fixed tree (lane i + lane i^8, then i^4, i^2, i^1: lane 0 holds the total), in
     * vector registers; {@code tmp} (at least {@link #LANES} floats) is used only for widths above 16 lanes.
     */
    static float sumLanes(FloatVector v, float[] tmp) {
        if (LANES > 16) {
            return sumLanesInMemory(v, tmp);
        }
        if (LANES >= 16) {
            v = v.add(v.rearrange(XOR_8));
        }
        if (LANES >= 8) {
            v = v.add(v.rearrange(XOR_4));
        }
        if (LANES >= 4) {
            v = v.add(v.rearrange(XOR_2));
        }
        if (LANES >= 2) {
            v = v.add(v.rearrange(XOR_1));
        }
        return v.lane(0);
    }

    /** The same tree as {@link #sumLanes} for any width, through memory. */
    private static float sumLanesInMemory(FloatVector v, float[] tmp) {
        v.intoArray(tmp, 0);
        for (int d = LANES / 2; d >= 1; d /= 2) {
            for (int i = 0; i < d; i++) {
                tmp[i] += tmp[i + d];
            }
        }
        return tmp[0];
    }

    /** {@code sum a[i] * b[i]} over n values, four independent accumulators then a scalar tail. */
    static float dot(float[] a, int aAt, float[] b, int bAt, int n, float[] tmp) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        int i = 0;
        for (int bound4 = n - 4 * LANES; i <= bound4; i += 4 * LANES) {
            s0 = FloatVector.fromArray(F, a, aAt + i).fma(FloatVector.fromArray(F, b, bAt + i), s0);
            s1 = FloatVector.fromArray(F, a, aAt + i + LANES).fma(FloatVector.fromArray(F, b, bAt + i + LANES), s1);
            s2 = FloatVector.fromArray(F, a, aAt + i + 2 * LANES)
                    .fma(FloatVector.fromArray(F, b, bAt + i + 2 * LANES), s2);
            s3 = FloatVector.fromArray(F, a, aAt + i + 3 * LANES)
                    .fma(FloatVector.fromArray(F, b, bAt + i + 3 * LANES), s3);
        }
        for (int bound = n - LANES; i <= bound; i += LANES) {
            s0 = FloatVector.fromArray(F, a, aAt + i).fma(FloatVector.fromArray(F, b, bAt + i), s0);
        }
        float sum = sumLanes(s0.add(s1).add(s2.add(s3)), tmp);
        for (; i < n; i++) {
            sum = Math.fma(a[aAt + i], b[bAt + i], sum);
        }
        return sum;
    }

    /** {@code sum a[i]²} over n values. */
    static float sumOfSquares(float[] a, int at, int n, float[] tmp) {
        return dot(a, at, a, at, n, tmp);
    }

    /** {@code y[i] += alpha * x[i]} over n values. */
    static void axpy(float alpha, float[] x, int xAt, float[] y, int yAt, int n) {
        FloatVector va = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, x, xAt + i).fma(va, FloatVector.fromArray(F, y, yAt + i)).intoArray(y, yAt + i);
        }
        for (; i < n; i++) {
            y[yAt + i] = Math.fma(x[xAt + i], alpha, y[yAt + i]);
        }
    }

    /** {@code out[i] = x[i] * factor} over n values (out may be x). */
    static void scale(float[] x, int xAt, float factor, float[] out, int outAt, int n) {
        FloatVector vf = FloatVector.broadcast(F, factor);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, x, xAt + i).mul(vf).intoArray(out, outAt + i);
        }
        for (; i < n; i++) {
            out[outAt + i] = x[xAt + i] * factor;
        }
    }

    /** Values {@code [from, from + count)} of t (from its view start) widened to f32 into {@code dst[to ..]}. */
    static void widen(HostTensor t, int from, float[] dst, int to, int count) {
        int at = t.offset() + from;
        switch (t.dtype()) {
            case F32 -> System.arraycopy(t.f32(), at, dst, to, count);
            case BF16 -> widenBf16(t.bits16(), at, dst, to, count);
            case F16 -> {
                short[] src = t.bits16();
                for (int i = 0; i < count; i++) {
                    dst[to + i] = Fp16.toFloat(src[at + i]);
                }
            }
        }
    }

    /** A bf16 is the top half of a float: sign-extend each 16-bit lane to 32 bits, shift it up 16, reinterpret. */
    static void widenBf16(short[] src, int at, float[] dst, int to, int count) {
        int i = 0;
        for (int bound = count - LANES; i <= bound; i += LANES) {
            loadBf16(src, at + i).intoArray(dst, to + i);
        }
        for (; i < count; i++) {
            dst[to + i] = Bf16.toFloat(src[at + i]);
        }
    }

    /** {@link #LANES} bf16 values from {@code src[at]}, widened exactly. */
    static FloatVector loadBf16(short[] src, int at) {
        ShortVector bits = ShortVector.fromArray(S, src, at);
        return ((IntVector) bits.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
    }
}
