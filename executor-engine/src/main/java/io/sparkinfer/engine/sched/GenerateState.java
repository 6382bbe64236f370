package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.models.qwen35.Readout;
import io.sparkinfer.engine.runtime.FinishReason;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Task;
import io.sparkinfer.engine.runtime.Timings;
import io.sparkinfer.engine.sampling.TokenHistory;
import io.sparkinfer.engine.sampling.TokenSampler;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Generation: sample a token from the prompt's last logits, then one decode token per step until a stop id,
 * a stop string, or the token budget. The sampler sees only this request's logits, seed and step.
 */
final class GenerateState implements TaskState {
    private final GenerateOptions options;
    private final Optional<TextTokenizer> tokenizer;
    private final int maxNew;
    private final int[] generated;
    private final TokenHistory history;
    private int count;
    private FinishReason finish;
    private int stopStringAt = -1;

    GenerateState(PreparedRequest prepared, Optional<TextTokenizer> tokenizer) {
        this.options = prepared.request().generate();
        this.tokenizer = tokenizer;
        this.maxNew = prepared.maxNewTokens();
        this.generated = new int[maxNew];
        this.history = new TokenHistory(prepared.prompt());
    }

    @Override
    public Sequence.Phase promptPiece(Sequence s, float[][] rows, boolean last) {
        return last ? next(s, rows[0]) : Sequence.Phase.PREFILL;
    }

    @Override
    public List<Piece> pieces(Sequence s) {
        return List.of(new Piece(s, s.cache, new int[] {generated[count - 1]}, Readout.LAST_LOGITS, -1));
    }

    @Override
    public Sequence.Phase accept(Sequence s, Piece piece, float[][] rows) {
        return next(s, rows[0]);
    }

    private Sequence.Phase next(Sequence s, float[] logits) {
        int token = TokenSampler.sample(logits, options.sampling(), history, count);
        history.addGenerated(token);
        generated[count++] = token;
        if (s.prepared.stopIds().contains(token)) {
            finish = FinishReason.STOP;
        } else if (!options.stopStrings().isEmpty() && (stopStringAt = stopStringIndex()) >= 0) {
            finish = FinishReason.STOP;
        } else if (count == maxNew) {
            finish = FinishReason.LENGTH;
        }
        return finish == null ? Sequence.Phase.DECODE : Sequence.Phase.DONE;
    }

    private int stopStringIndex() {
        if (tokenizer.isEmpty()) {
            return -1;
        }
        String text = tokenizer.get().decodeLenient(Arrays.copyOf(generated, count));
        int best = -1;
        for (String stop : options.stopStrings()) {
            int at = text.indexOf(stop);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    @Override
    public InferenceResult result(Sequence s, Timings timings) {
        return build(s, finish, timings);
    }

    @Override
    public InferenceResult timedOut(Sequence s, Timings timings, long limitMillis) {
        return build(s, FinishReason.TIMEOUT, timings);
    }

    private InferenceResult build(Sequence s, FinishReason reason, Timings timings) {
        int[] ids = Arrays.copyOf(generated, count);
        String text = null;
        if (tokenizer.isPresent()) {
            boolean endsWithStopId = count > 0 && s.prepared.stopIds().contains(generated[count - 1]);
            text = tokenizer.get().decodeLenient(endsWithStopId ? Arrays.copyOf(ids, count - 1) : ids);
            if (stopStringAt >= 0) {
                text = text.substring(0, stopStringAt);
            }
        }
        return new InferenceResult(Task.GENERATE, text, ids, null, null, null, reason, s.promptLength(), count, timings,
                null);
    }

    @Override
    public void closeCaches() {
    }
}
