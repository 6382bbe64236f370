package io.sparkinfer.engine.runtime;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.engine.models.qwen35.SequenceInput;
import io.sparkinfer.engine.sampling.SamplingParams;
import io.sparkinfer.engine.sampling.TokenHistory;
import io.sparkinfer.engine.sampling.TokenSampler;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One sequence generated alone: a prefill of the prompt, then one decode step per new token with the cache,
 * until a stop id (generated and kept) or {@code maxTokens}. The batch engine serves many sequences at once;
 * this is the simple path the command line and the golden tests use.
 */
public final class Generation {

    /** Why generation ended: a stop id was produced, or the token budget ran out. */
    public enum Finish { STOP, LENGTH }

    /** The generated ids (a final stop id included) and why it ended. */
    public record Result(int[] ids, Finish finish) {
        public Result {
            ids = ids.clone();
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }
    }

    private Generation() {
    }

    public static Result generate(Qwen35Model model, int[] prompt, int maxTokens, Set<Integer> stopIds,
            SamplingParams sampling) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, got " + maxTokens);
        }
        int[] out = new int[maxTokens];
        TokenHistory history = new TokenHistory(prompt);
        int n = 0;
        try (SequenceCache cache = model.newCache(prompt.length + maxTokens)) {
            int[] next = prompt;
            while (n < maxTokens) {
                float[] logits;
                try (Tensor t = model.forward(List.of(new SequenceInput(cache, next)))) {
                    logits = model.backend().toFloats(t);
                }
                int token = TokenSampler.sample(logits, sampling, history, n);
                history.addGenerated(token);
                out[n++] = token;
                if (stopIds.contains(token)) {
                    return new Result(Arrays.copyOf(out, n), Finish.STOP);
                }
                next = new int[] {token};
            }
        }
        return new Result(Arrays.copyOf(out, n), Finish.LENGTH);
    }
}
