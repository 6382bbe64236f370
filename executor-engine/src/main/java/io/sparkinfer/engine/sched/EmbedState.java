package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.runtime.FinishReason;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Task;
import io.sparkinfer.engine.runtime.Timings;
import java.util.List;

/**
 * Embedding: averages the final hidden states its prompt pieces read back (only the last token's for LAST pooling,
 * every token's for MEAN; see {@link Sequence#prefillPiece}) and L2-normalises the result.
 */
final class EmbedState implements TaskState {
    private double[] sum;
    private int rows;
    private float[] vector;

    @Override
    public Sequence.Phase promptPiece(Sequence s, float[][] hidden, boolean last) {
        // LAST pooling reads one row, from the final piece only; MEAN reads every row of every piece.
        for (float[] row : hidden) {
            if (sum == null) {
                sum = new double[row.length];
            }
            for (int i = 0; i < row.length; i++) {
                sum[i] += row[i];
            }
            rows++;
        }
        if (!last) {
            return Sequence.Phase.PREFILL;
        }
        vector = normalised(sum, rows);
        return Sequence.Phase.DONE;
    }

    /** The mean of the pooled rows, scaled to unit L2 norm (a zero vector stays zero). */
    static float[] normalised(double[] sum, int count) {
        double norm = 0;
        for (double v : sum) {
            norm += (v / count) * (v / count);
        }
        norm = Math.sqrt(norm);
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = norm == 0 ? 0f : (float) (sum[i] / count / norm);
        }
        return out;
    }

    @Override
    public List<Piece> pieces(Sequence s) {
        throw new IllegalStateException("[BUG] an embedding has no pieces after its prompt");
    }

    @Override
    public Sequence.Phase accept(Sequence s, Piece piece, float[][] rows) {
        throw new IllegalStateException("[BUG] an embedding has no pieces after its prompt");
    }

    @Override
    public InferenceResult result(Sequence s, Timings timings) {
        return new InferenceResult(Task.EMBED, null, null, vector, null, null, FinishReason.STOP, s.promptLength(), 0,
                timings, null);
    }

    @Override
    public InferenceResult timedOut(Sequence s, Timings timings, long limitMillis) {
        return InferenceResult.failed(Task.EMBED, "the embedding did not finish within its time limit of " + limitMillis
                + " ms; raise timeout_ms or shorten the text", s.promptLength(), timings);
    }

    @Override
    public void closeCaches() {
    }
}
