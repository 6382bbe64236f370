package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.view;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;

/**
 * Delta-rule inputs as the model makes them, as row views: q, k unit per key head (q scaled by dk^-½),
 * v normal, g = −exp(A_log) · softplus(x) with A_log in [0, log 4) per value head and x normal (so g mostly in
 * [−5, 0), a chunk of 64 decaying far past f32's range), β = σ(x), and a non-zero initial state.
 */
record DeltaRuleCase(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int keyHeads,
        int valueHeads) {

    static DeltaRuleCase random(Random random, int length, int keyHeads, int valueHeads, int dk, int dv) {
        double[] aLog = new double[valueHeads];
        for (int h = 0; h < valueHeads; h++) {
            aLog[h] = Math.log(4) * random.nextDouble();
        }
        float[] g = new float[length * valueHeads];
        float[] beta = new float[length * valueHeads];
        for (int i = 0; i < g.length; i++) {
            double x = random.nextGaussian();
            g[i] = (float) (-Math.exp(aLog[i % valueHeads]) * Math.log1p(Math.exp(x)));
            beta[i] = (float) (1 / (1 + Math.exp(-random.nextGaussian())));
        }
        return new DeltaRuleCase(
                view(random, unitHeads(random, length * keyHeads, dk, 1 / Math.sqrt(dk)), length, keyHeads * dk),
                view(random, unitHeads(random, length * keyHeads, dk, 1), length, keyHeads * dk),
                view(random, gaussian(random, length * valueHeads * dv), length, valueHeads * dv),
                view(random, g, length, valueHeads), view(random, beta, length, valueHeads),
                view(random, gaussian(random, valueHeads * dk * dv), valueHeads, dk, dv), keyHeads, valueHeads);
    }

    /** The same inputs with every log decay g times {@code factor}: slower (< 1) or more abrupt (> 1) decays. */
    DeltaRuleCase withGatesScaledBy(float factor) {
        float[] scaled = Parity.read(g);
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        return new DeltaRuleCase(q, k, v, CPU.fromFloats(scaled, DType.F32, g.shape()), beta, state, keyHeads,
                valueHeads);
    }

    /** Tokens [from, from + count) on {@code ops}, carrying {@code stateInOut}: chunked, or recurrent for 0. */
    Tensor run(Ops ops, Tensor stateInOut, int from, int count, int chunkSize) {
        Tensor out = CPU.allocate(DType.F32, count, v.rowSize());
        if (chunkSize == 0) {
            ops.deltaRuleRecurrent(q.rows(from, count), k.rows(from, count), v.rows(from, count),
                    g.rows(from, count), beta.rows(from, count), stateInOut, keyHeads, valueHeads, out);
        } else {
            ops.deltaRuleChunked(q.rows(from, count), k.rows(from, count), v.rows(from, count),
                    g.rows(from, count), beta.rows(from, count), stateInOut, keyHeads, valueHeads, chunkSize, out);
        }
        return out;
    }

    @Override
    public String toString() {
        int dk = q.rowSize() / keyHeads;
        int dv = v.rowSize() / valueHeads;
        return "nk=" + keyHeads + " nv=" + valueHeads + " dk=" + dk + " dv=" + dv;
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
