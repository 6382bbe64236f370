package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefAttentionTest {
    private static final int NH = 4;
    private static final int NKV = 2;
    private static final int HD = 5;
    private static final int T = 9;

    private final Random random = new Random(51);
    private final float[] q = Fixtures.gaussian(random, T * NH * HD);
    private final float[] k = Fixtures.gaussian(random, T * NKV * HD);
    private final float[] v = Fixtures.gaussian(random, T * NKV * HD);
    private final float scale = (float) (1 / Math.sqrt(HD));

    @Test
    void aSingleTokenReturnsItsValueForEveryQueryHeadOfTheGroup() {
        Tensor out = zeros(1, NH * HD);
        OPS.attention(f32(q, T, NH * HD).rows(0, 1), f32(k, T, NKV * HD), f32(v, T, NKV * HD), 0, NH, NKV, HD, scale,
                out);
        float[] got = read(out);
        for (int h = 0; h < NH; h++) {
            int kvHead = h / 2;
            for (int d = 0; d < HD; d++) {
                assertTrue(Math.abs(got[h * HD + d] - v[kvHead * HD + d]) <= 1e-6, "head " + h + " dim " + d);
            }
        }
    }

    @Test
    void matchesCausalGroupedSoftmaxAttentionInDouble() {
        Tensor out = zeros(T, NH * HD);
        OPS.attention(f32(q, T, NH * HD), f32(k, T, NKV * HD), f32(v, T, NKV * HD), 0, NH, NKV, HD, scale, out);
        Approx.assertF32(expected(), read(out), "attention");
    }

    @Test
    void rowsAfterCachedTokensEqualTheSameRowsOfOneFullCall() {
        Tensor full = zeros(T, NH * HD);
        OPS.attention(f32(q, T, NH * HD), f32(k, T, NKV * HD), f32(v, T, NKV * HD), 0, NH, NKV, HD, scale, full);
        int start = 6;
        int n = 3;
        // a cache with room to spare: only rows 0 .. start + n - 1 may be read
        Tensor kCache = zeros(T + 4, NKV * HD);
        Tensor vCache = zeros(T + 4, NKV * HD);
        OPS.copyColumns(f32(k, T, NKV * HD), 0, kCache.rows(0, T), 0, NKV * HD);
        OPS.copyColumns(f32(v, T, NKV * HD), 0, vCache.rows(0, T), 0, NKV * HD);
        Tensor tail = zeros(n, NH * HD);
        OPS.attention(f32(q, T, NH * HD).rows(start, n), kCache, vCache, start, NH, NKV, HD, scale, tail);
        assertArrayEquals(Fixtures.rowsOf(read(full), NH * HD, start, n), read(tail));
    }

    @Test
    void aCacheWithoutThisCallsPositionsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.attention(zeros(3, NH * HD), zeros(4, NKV * HD), zeros(4, NKV * HD), 2, NH, NKV, HD, scale,
                        zeros(3, NH * HD)));
        assertTrue(e.getMessage().startsWith("attention: the cache must hold positions 0 .. start + 3 - 1 = 4"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OPS.attention(zeros(3, NH * HD), zeros(5, 3 * HD),
                zeros(5, 3 * HD), 0, NH, 3, HD, scale, zeros(3, NH * HD)));
    }

    /** softmax_j≤i(scale · q_i,h · k_j,h/2) · v_j,h/2 for every row and head. */
    private double[] expected() {
        double[] out = new double[T * NH * HD];
        for (int i = 0; i < T; i++) {
            for (int h = 0; h < NH; h++) {
                int g = h / (NH / NKV);
                double[] score = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    for (int d = 0; d < HD; d++) {
                        score[j] += (double) q[(i * NH + h) * HD + d] * k[(j * NKV + g) * HD + d] * scale;
                    }
                    max = Math.max(max, score[j]);
                }
                double total = 0;
                for (int j = 0; j <= i; j++) {
                    total += Math.exp(score[j] - max);
                }
                for (int j = 0; j <= i; j++) {
                    double p = Math.exp(score[j] - max) / total;
                    for (int d = 0; d < HD; d++) {
                        out[(i * NH + h) * HD + d] += p * v[(j * NKV + g) * HD + d];
                    }
                }
            }
        }
        return out;
    }
}
