package io.sparkinfer.engine.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one request produced. Generation fills {@code text} and {@code tokenIds} (the new tokens, a final
 * stop id included); embedding fills {@code embedding}; classification fills {@code label} and
 * {@code labelProbabilities} (softmax over the labels' summed log-probs, in the request's label order). A
 * failed request has {@code finish == ERROR} and {@code error} saying why; its other fields are empty.
 */
public record InferenceResult(Task task, String text, int[] tokenIds, float[] embedding, String label,
        Map<String, Double> labelProbabilities, FinishReason finish, int promptTokens, int completionTokens,
        Timings timings, String error) {

    public InferenceResult {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(finish, "finish");
        tokenIds = tokenIds == null ? new int[0] : tokenIds.clone();
        embedding = embedding == null ? null : embedding.clone();
        labelProbabilities = labelProbabilities == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelProbabilities));
        timings = timings == null ? Timings.NONE : timings;
        if ((finish == FinishReason.ERROR) != (error != null)) {
            throw new IllegalArgumentException("[BUG] a result has an error message exactly when it failed: finish="
                    + finish + " error=" + error);
        }
    }

    public static InferenceResult failed(Task task, String error, int promptTokens, Timings timings) {
        return new InferenceResult(task, null, null, null, null, null, FinishReason.ERROR, promptTokens, 0, timings,
                error);
    }

    public boolean ok() {
        return finish != FinishReason.ERROR;
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    @Override
    public float[] embedding() {
        return embedding == null ? null : embedding.clone();
    }
}
