package io.sparkinfer.engine.sched;

/**
 * Counters of one engine since it started, read as a consistent {@link Snapshot} from any thread.
 */
public final class EngineStats {

    /**
     * @param steps                forward steps run
     * @param stepSequences        sequences summed over steps (mean batch fill = stepSequences / steps)
     * @param stepTokens           tokens summed over steps
     * @param promptTokensComputed prompt tokens that went through the model (prefix-cache hits excluded)
     * @param generatedTokens      tokens sampled
     * @param prefixHits           requests that started from a saved prefix
     * @param prefixTokensReused   prompt tokens those hits did not compute
     * @param completed            requests finished with a result (failures included)
     * @param failed               requests finished with an error result
     * @param cancelled            requests cancelled by their caller
     * @param timedOut             requests stopped by their time limit
     * @param cacheBytesInUse      sequence-cache bytes reserved now
     * @param peakCacheBytes       the most sequence-cache bytes reserved at once
     * @param forwardNanos         time inside forward passes
     * @param prefillSteps         steps that ran prompt pieces only ...
     * @param prefillStepTokens    ... their tokens ...
     * @param prefillStepNanos     ... and their forward time
     * @param decodeSteps          steps that ran decode tokens (or label branches) only ...
     * @param decodeStepTokens     ... their tokens ...
     * @param decodeStepNanos      ... and their forward time
     */
    public record Snapshot(long steps, long stepSequences, long stepTokens, long promptTokensComputed,
            long generatedTokens, long prefixHits, long prefixTokensReused, long completed, long failed, long cancelled,
            long timedOut, long cacheBytesInUse, long peakCacheBytes, long forwardNanos, long prefillSteps,
            long prefillStepTokens, long prefillStepNanos, long decodeSteps, long decodeStepTokens, long decodeStepNanos) {

        /** Sequences per forward step, on average (0 before the first step). */
        public double meanBatchFill() {
            return steps == 0 ? 0 : (double) stepSequences / steps;
        }

        /** Prompt tokens per second of forward time in prompt-only steps (0 if there were none). */
        public double prefillTokensPerSecond() {
            return prefillStepNanos == 0 ? 0 : prefillStepTokens / (prefillStepNanos / 1e9);
        }

        /** Tokens per second of forward time in decode-only steps (0 if there were none). */
        public double decodeTokensPerSecond() {
            return decodeStepNanos == 0 ? 0 : decodeStepTokens / (decodeStepNanos / 1e9);
        }
    }

    private long steps;
    private long stepSequences;
    private long stepTokens;
    private long promptTokens;
    private long generated;
    private long prefixHits;
    private long prefixTokens;
    private long completed;
    private long failed;
    private long cancelled;
    private long timedOut;
    private long cacheBytesInUse;
    private long peakCacheBytes;
    private long forwardNanos;
    private final long[] prefillOnly = new long[3];
    private final long[] decodeOnly = new long[3];

    synchronized void step(int sequences, int tokens, int promptTokensInStep, long nanos) {
        long[] pure = promptTokensInStep == tokens ? prefillOnly : promptTokensInStep == 0 ? decodeOnly : null;
        if (pure != null) {
            pure[0]++;
            pure[1] += tokens;
            pure[2] += nanos;
        }
        steps++;
        stepSequences += sequences;
        stepTokens += tokens;
        promptTokens += promptTokensInStep;
        forwardNanos += nanos;
    }

    synchronized void generated(int tokens) {
        generated += tokens;
    }

    synchronized void prefixHit(int tokens) {
        prefixHits++;
        prefixTokens += tokens;
    }

    synchronized void completed(boolean ok) {
        completed++;
        if (!ok) {
            failed++;
        }
    }

    synchronized void cancelled() {
        cancelled++;
    }

    synchronized void timedOut() {
        timedOut++;
    }

    synchronized void cacheBytes(long reserved) {
        cacheBytesInUse = reserved;
        peakCacheBytes = Math.max(peakCacheBytes, reserved);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(steps, stepSequences, stepTokens, promptTokens, generated, prefixHits, prefixTokens,
                completed, failed, cancelled, timedOut, cacheBytesInUse, peakCacheBytes, forwardNanos, prefillOnly[0],
                prefillOnly[1], prefillOnly[2], decodeOnly[0], decodeOnly[1], decodeOnly[2]);
    }
}
