package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.Readout;
import io.sparkinfer.engine.runtime.FinishReason;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Task;
import io.sparkinfer.engine.runtime.Timings;
import io.sparkinfer.engine.sampling.TokenSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification: each label's score is the sum of its tokens' log-probs as a continuation of the prompt. The
 * prompt runs once; its last logits score every label's first token; a label of m > 1 tokens then runs as a
 * branch (a fork of the prompt's cache) fed its first m-1 tokens, whose logits score the rest.
 */
final class ClassifyState implements TaskState {
    private final List<String> labels;
    private final List<int[]> labelIds;
    private final double[] scores;
    private final SequenceCache[] branches;
    private int open;

    ClassifyState(PreparedRequest prepared) {
        this.labels = prepared.request().labels();
        this.labelIds = prepared.labelIds();
        this.scores = new double[labels.size()];
        this.branches = new SequenceCache[labels.size()];
    }

    @Override
    public Sequence.Phase promptPiece(Sequence s, float[][] rows, boolean last) {
        if (!last) {
            return Sequence.Phase.PREFILL;
        }
        double[] logProbs = TokenSampler.logSoftmax(rows[0]);
        for (int l = 0; l < labels.size(); l++) {
            int[] ids = labelIds.get(l);
            scores[l] = logProbs[ids[0]];
            if (ids.length > 1) {
                branches[l] = s.cache.fork(s.promptLength() + ids.length - 1);
                open++;
            }
        }
        s.cache.close(); // the branches hold what they need
        s.cache = null;
        return open == 0 ? Sequence.Phase.DONE : Sequence.Phase.BRANCHES;
    }

    @Override
    public List<Piece> pieces(Sequence s) {
        List<Piece> pieces = new ArrayList<>(open);
        for (int l = 0; l < branches.length; l++) {
            if (branches[l] != null) {
                int[] ids = labelIds.get(l);
                pieces.add(new Piece(s, branches[l], Arrays.copyOf(ids, ids.length - 1), Readout.ALL_LOGITS, l));
            }
        }
        return pieces;
    }

    @Override
    public Sequence.Phase accept(Sequence s, Piece piece, float[][] rows) {
        int l = piece.branch();
        int[] ids = labelIds.get(l);
        for (int r = 0; r < rows.length; r++) {
            scores[l] += TokenSampler.logSoftmax(rows[r])[ids[r + 1]];
        }
        branches[l].close();
        branches[l] = null;
        open--;
        return open == 0 ? Sequence.Phase.DONE : Sequence.Phase.BRANCHES;
    }

    @Override
    public InferenceResult result(Sequence s, Timings timings) {
        double max = Arrays.stream(scores).max().orElseThrow();
        double sum = 0;
        for (double score : scores) {
            sum += Math.exp(score - max);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        int best = 0;
        for (int l = 0; l < labels.size(); l++) {
            probabilities.put(labels.get(l), Math.exp(scores[l] - max) / sum);
            if (scores[l] > scores[best]) {
                best = l;
            }
        }
        return new InferenceResult(Task.CLASSIFY, null, null, null, labels.get(best), probabilities, FinishReason.STOP,
                s.promptLength(), 0, timings, null);
    }

    /** Each label's summed log-prob, in label order (for tests and diagnostics). */
    double[] scores() {
        return scores.clone();
    }

    @Override
    public InferenceResult timedOut(Sequence s, Timings timings, long limitMillis) {
        return InferenceResult.failed(Task.CLASSIFY, "the classification did not finish within its time limit of "
                + limitMillis + " ms; raise timeout_ms or shorten the text", s.promptLength(), timings);
    }

    @Override
    public void closeCaches() {
        for (int l = 0; l < branches.length; l++) {
            if (branches[l] != null) {
                branches[l].close();
                branches[l] = null;
            }
        }
    }
}
