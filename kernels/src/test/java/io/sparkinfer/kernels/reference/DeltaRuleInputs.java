package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;

/**
 * Seeded delta-rule inputs shaped like the model's: q and k l2-normalised per key head (q also scaled by
 * dk^-½), g a log decay in [-2, 0), beta in (0, 1), and a non-zero initial state.
 */
record DeltaRuleInputs(int length, int keyHeads, int valueHeads, int keyDim, int valueDim, float[] q, float[] k,
        float[] v, float[] g, float[] beta, float[] state) {

    static DeltaRuleInputs random(long seed, int length, int keyHeads, int valueHeads, int keyDim, int valueDim) {
        Random random = new Random(seed);
        float[] q = unitHeads(random, length * keyHeads, keyDim, 1 / Math.sqrt(keyDim));
        float[] k = unitHeads(random, length * keyHeads, keyDim, 1);
        float[] v = Fixtures.gaussian(random, length * valueHeads * valueDim);
        float[] g = Fixtures.uniform(random, length * valueHeads, -2, 0);
        float[] beta = Fixtures.uniform(random, length * valueHeads, 0.02, 0.98);
        float[] state = Fixtures.gaussian(random, valueHeads * keyDim * valueDim);
        return new DeltaRuleInputs(length, keyHeads, valueHeads, keyDim, valueDim, q, k, v, g, beta, state);
    }

    /** Rows [from, from + count) of every per-token input, with the given starting state. */
    DeltaRuleInputs slice(int from, int count, float[] startState) {
        return new DeltaRuleInputs(count, keyHeads, valueHeads, keyDim, valueDim,
                Fixtures.rowsOf(q, keyHeads * keyDim, from, count), Fixtures.rowsOf(k, keyHeads * keyDim, from, count),
                Fixtures.rowsOf(v, valueHeads * valueDim, from, count), Fixtures.rowsOf(g, valueHeads, from, count),
                Fixtures.rowsOf(beta, valueHeads, from, count), startState);
    }

    /** The outputs and final state of the recurrent (chunkSize 0) or chunked form, run on the reference ops. */
    Result run(int chunkSize) {
        Tensor stateT = Fixtures.f32(state, valueHeads, keyDim, valueDim);
        Tensor out = Fixtures.zeros(length, valueHeads * valueDim);
        Tensor qT = Fixtures.f32(q, length, keyHeads * keyDim);
        Tensor kT = Fixtures.f32(k, length, keyHeads * keyDim);
        Tensor vT = Fixtures.f32(v, length, valueHeads * valueDim);
        Tensor gT = Fixtures.f32(g, length, valueHeads);
        Tensor betaT = Fixtures.f32(beta, length, valueHeads);
        if (chunkSize == 0) {
            Fixtures.OPS.deltaRuleRecurrent(qT, kT, vT, gT, betaT, stateT, keyHeads, valueHeads, out);
        } else {
            Fixtures.OPS.deltaRuleChunked(qT, kT, vT, gT, betaT, stateT, keyHeads, valueHeads, chunkSize, out);
        }
        return new Result(Fixtures.read(out), Fixtures.read(stateT));
    }

    record Result(float[] out, float[] state) {}

    private static float[] unitHeads(Random random, int heads, int dim, double scale) {
        float[] values = Fixtures.gaussian(random, heads * dim);
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
