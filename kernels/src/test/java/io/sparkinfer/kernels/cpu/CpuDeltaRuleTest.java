package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.copy;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static io.sparkinfer.kernels.cpu.Parity.view;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuDeltaRuleTest {

    /** Model-shaped inputs: q, k unit per key head (q scaled by dk^-½), g in [-2, 0), beta in (0, 1). */
    private record Inputs(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int keyHeads,
            int valueHeads) {

        static Inputs random(Random random, int length, int keyHeads, int valueHeads, int dk, int dv) {
            return new Inputs(view(random, unitHeads(random, length * keyHeads, dk, 1 / Math.sqrt(dk)), length,
                    keyHeads * dk),
                    view(random, unitHeads(random, length * keyHeads, dk, 1), length, keyHeads * dk),
                    view(random, gaussian(random, length * valueHeads * dv), length, valueHeads * dv),
                    view(random, uniform(random, length * valueHeads, -2, 0), length, valueHeads),
                    view(random, uniform(random, length * valueHeads, 0.02, 0.98), length, valueHeads),
                    view(random, gaussian(random, valueHeads * dk * dv), valueHeads, dk, dv), keyHeads, valueHeads);
        }

        int valueDim() {
            return v.rowSize() / valueHeads;
        }

        Tensor run(boolean fast, Tensor stateInOut, int from, int count) {
            Tensor out = CPU.allocate(DType.F32, count, v.rowSize());
            (fast ? FAST : REF).deltaRuleRecurrent(q.rows(from, count), k.rows(from, count), v.rows(from, count),
                    g.rows(from, count), beta.rows(from, count), stateInOut, keyHeads, valueHeads, out);
            return out;
        }
    }

    /**
     * The state is f32 here and double inside a reference call, so differences grow slowly with the sequence
     * length; 1e-5 of the output's size still holds at 40 tokens.
     */
    @Test
    void matchesTheReferenceOverHeadSizesAndGroupings() {
        Random random = new Random(50);
        int[][] headings = {{1, 1}, {2, 4}, {1, 3}}; // {numKeyHeads, numValueHeads}
        for (int dk : new int[] {1, 3, 13, 129}) {
            for (int dv : new int[] {1, 3, 13, 129}) {
                for (int[] heads : headings) {
                    for (int length : new int[] {1, 9, 40}) {
                        Inputs in = Inputs.random(random, length, heads[0], heads[1], dk, dv);
                        Tensor refState = copy(in.state);
                        Tensor fastState = copy(in.state);
                        String what = "delta rule dk=" + dk + " dv=" + dv + " heads=" + heads[0] + "/" + heads[1]
                                + " L=" + length;
                        assertClose(in.run(false, refState, 0, length), in.run(true, fastState, 0, length), 1e-5,
                                what + " out");
                        assertClose(refState, fastState, 1e-5, what + " state");
                    }
                }
            }
        }
    }

    /** Token by token, or in two calls carrying the state, gives the bits of one call. */
    @Test
    void aSequenceInPiecesGivesTheBitsOfOneCall() {
        Random random = new Random(51);
        Inputs in = Inputs.random(random, 12, 2, 4, 13, 129);
        Tensor wholeState = copy(in.state);
        float[] whole = read(in.run(true, wholeState, 0, 12));
        Tensor again = copy(in.state);
        assertBitwise(whole, read(in.run(true, again, 0, 12)), "the same call twice");
        Tensor pieceState = copy(in.state);
        float[] first = read(in.run(true, pieceState, 0, 5));
        float[] second = read(in.run(true, pieceState, 5, 7));
        float[] pieces = new float[whole.length];
        System.arraycopy(first, 0, pieces, 0, first.length);
        System.arraycopy(second, 0, pieces, first.length, second.length);
        assertBitwise(whole, pieces, "out in pieces");
        assertBitwise(read(wholeState), read(pieceState), "state in pieces");
    }

    @Test
    void headCountsThatDoNotDivideAndAStateOfTheWrongShapeAreRejected() {
        Random random = new Random(52);
        Inputs in = Inputs.random(random, 3, 2, 4, 5, 6);
        Tensor out = CPU.allocate(DType.F32, 3, 4 * 6);
        assertThrows(IllegalArgumentException.class,
                () -> FAST.deltaRuleRecurrent(in.q, in.k, in.v, in.g, in.beta, copy(in.state), 3, 4, out));
        assertThrows(IllegalArgumentException.class, () -> FAST.deltaRuleRecurrent(in.q, in.k, in.v, in.g, in.beta,
                CPU.allocate(DType.F32, 4, 5, 5), 2, 4, out));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.deltaRuleRecurrent(in.q, in.k, in.v, in.g, in.beta, copy(in.state), 2, 4, in.v));
    }

    private static float[] uniform(Random random, int count, double lo, double hi) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return values;
    }

    private static float[] unitHeads(Random random, int heads, int dim, double scale) {
        float[] values = gaussian(random, heads * dim);
        for (int h = 0; h < heads; h++) {
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                sum += (double) values[h * dim + i] * values[h * dim + i];
            }
            for (int i = 0; i < dim; i++) {
                values[h * dim + i] = (float) (values[h * dim + i] / Math.sqrt(sum) * scale);
            }
        }
        return values;
    }
}
