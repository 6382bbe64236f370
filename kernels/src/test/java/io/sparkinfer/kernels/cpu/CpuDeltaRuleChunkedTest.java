package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.copy;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The f32 chunked delta rule against the double reference (same chunking), the f32 recurrent form, and itself:
 * in pieces, twice, on other thread counts. Inputs as the model makes them (see {@link DeltaRuleCase}).
 */
class CpuDeltaRuleChunkedTest {
    /** Relative to max(|value|, rms of the output): f32 products of length ≤ 150 against double. */
    private static final double REL = 1e-5;
    private static final int[] LENGTHS = {1, 3, 13, 64, 65, 150};
    private static final int[] CHUNKS = {1, 3, 64};

    @Test
    void matchesTheReferenceOverLengthsAndChunkSizes() {
        Random random = new Random(60);
        int[][] shapes = {{2, 4, 13, 24}, {3, 3, 16, 16}}; // {nk, nv, dk, dv}
        for (int[] shape : shapes) {
            for (int length : LENGTHS) {
                for (int chunk : CHUNKS) {
                    DeltaRuleCase in = DeltaRuleCase.random(random, length, shape[0], shape[1], shape[2], shape[3]);
                    assertMatchesReference(in, chunk);
                }
            }
        }
    }

    @Test
    void matchesTheReferenceOverHeadSizes() {
        Random random = new Random(61);
        int[] sizes = {16, 128, 13};
        for (int dk : sizes) {
            for (int dv : new int[] {16, 128, 24}) {
                int[] heads = dk == dv ? new int[] {2, 2} : new int[] {2, 4};
                assertMatchesReference(DeltaRuleCase.random(random, 150, heads[0], heads[1], dk, dv), 64);
                assertMatchesReference(DeltaRuleCase.random(random, 65, heads[0], heads[1], dk, dv), 3);
            }
        }
    }

    /**
     * Decays too slow for any cut (every product runs whole) and so abrupt that almost every decay is cut (the
     * state forgotten within a token).
     */
    @Test
    void matchesTheReferenceWithSlowAndAbruptDecays() {
        Random random = new Random(67);
        for (float factor : new float[] {0.01f, 20f}) {
            DeltaRuleCase in = DeltaRuleCase.random(random, 150, 2, 4, 24, 128).withGatesScaledBy(factor);
            assertMatchesReference(in, 64);
            assertMatchesReference(in, 3);
        }
    }

    /** Both f32 forms of the rule agree, at the model's chunk size and at a tiny one. */
    @Test
    void equalsTheRecurrentForm() {
        Random random = new Random(62);
        for (int length : new int[] {13, 150}) {
            for (int chunk : new int[] {3, 64}) {
                DeltaRuleCase in = DeltaRuleCase.random(random, length, 2, 4, 128, 128);
                Tensor chunkedState = copy(in.state());
                Tensor recurrentState = copy(in.state());
                String what = "chunked vs recurrent L=" + length + " C=" + chunk;
                assertClose(in.run(FAST, chunkedState, 0, length, 0), in.run(FAST, recurrentState, 0, length, chunk),
                        REL, what + " out");
                assertClose(chunkedState, recurrentState, REL, what + " state");
            }
        }
    }

    /**
     * Two calls carrying the state: split on a chunk boundary they give the bits of one call (each chunk depends
     * only on the state and its own tokens); split elsewhere, values within rounding of it.
     */
    @Test
    void aSequenceInTwoCallsCarriesTheState() {
        Random random = new Random(63);
        DeltaRuleCase in = DeltaRuleCase.random(random, 150, 2, 4, 24, 128);
        Tensor wholeState = copy(in.state());
        float[] whole = read(in.run(FAST, wholeState, 0, 150, 64));
        for (int split : new int[] {64, 70}) {
            Tensor state = copy(in.state());
            float[] first = read(in.run(FAST, state, 0, split, 64));
            float[] second = read(in.run(FAST, state, split, 150 - split, 64));
            float[] pieces = new float[whole.length];
            System.arraycopy(first, 0, pieces, 0, first.length);
            System.arraycopy(second, 0, pieces, first.length, second.length);
            if (split % 64 == 0) {
                assertBitwise(whole, pieces, "out split at " + split);
                assertBitwise(read(wholeState), read(state), "state split at " + split);
            } else {
                assertClose(whole, pieces, REL, "out split at " + split);
                assertClose(read(wholeState), read(state), REL, "state split at " + split);
            }
        }
    }

    @Test
    void theSameCallTwiceAndOnOneOrTwoThreadsGivesTheSameBits() {
        Random random = new Random(64);
        DeltaRuleCase in = DeltaRuleCase.random(random, 150, 2, 4, 128, 24);
        Tensor state = copy(in.state());
        float[] out = read(in.run(FAST, state, 0, 150, 64));
        Tensor againState = copy(in.state());
        assertBitwise(out, read(in.run(FAST, againState, 0, 150, 64)), "the same call twice");
        assertBitwise(read(state), read(againState), "state of the same call twice");
        for (int threads : new int[] {1, 2}) {
            try (CpuBackend backend = new CpuBackend(threads)) {
                Tensor threadState = copy(in.state());
                assertBitwise(out, read(in.run(backend.ops(), threadState, 0, 150, 64)), "out on " + threads);
                assertBitwise(read(state), read(threadState), "state on " + threads);
            }
        }
    }

    @Test
    void aChunkSizeBelowOneIsRejectedNamingIt() {
        DeltaRuleCase in = DeltaRuleCase.random(new Random(65), 3, 2, 4, 5, 6);
        Tensor out = CPU.allocate(DType.F32, 3, 4 * 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FAST.deltaRuleChunked(in.q(), in.k(), in.v(), in.g(), in.beta(), copy(in.state()), 2, 4, 0, out));
        assertTrue(e.getMessage().startsWith("deltaRuleChunked: chunkSize must be positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FAST.deltaRuleChunked(in.q(), in.k(), in.v(), in.g(),
                in.beta(), CPU.allocate(DType.F32, 4, 5, 5), 2, 4, 64, out));
    }

    /** The generator reaches the underflow range the kernel must survive: decays far below f32's smallest. */
    @Test
    void theGatesReachDecaysThatUnderflowInAChunk() {
        DeltaRuleCase in = DeltaRuleCase.random(new Random(66), 64, 1, 1, 4, 4);
        double sum = 0;
        for (float g : read(in.g())) {
            assertTrue(g < 0, "g must be a log decay below 0, got " + g);
            sum += g;
        }
        assertTrue(sum < Math.log(Float.MIN_VALUE), "64 tokens' total log decay " + sum);
        assertEquals(64, in.g().rows());
    }

    private static void assertMatchesReference(DeltaRuleCase in, int chunk) {
        int length = in.q().rows();
        Tensor refState = copy(in.state());
        Tensor fastState = copy(in.state());
        String what = "chunked " + in + " L=" + length + " C=" + chunk;
        assertClose(in.run(REF, refState, 0, length, chunk), in.run(FAST, fastState, 0, length, chunk), REL,
                what + " out");
        assertClose(refState, fastState, REL, what + " state");
    }
}
