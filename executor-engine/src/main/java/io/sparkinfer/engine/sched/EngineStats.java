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
     */
    public record Snapshot(long steps, long stepSequences, long stepTokens, long promptTokensComputed,
            long generatedTokens, long prefixHits, long prefixTokensReused, long completed, long failed, long cancelled,
            long timedOut, long cacheBytesInUse, long peakCacheBytes, long forwardNanos) {

        /** Sequences per forward step, on average (0 before the first step). */
        public double meanBatchFill() {
            return steps == 0 ? 0 : (double) stepSequences / steps;
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

    synchronized void step(int sequences, int tokens, int promptTokensInStep, long nanos) {
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
                completed, failed, cancelled, timedOut, cacheBytesInUse, peakCacheBytes, forwardNanos);
    }
}
