package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.Readout;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Task;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One request in the engine, from submission to its result: which prompt tokens were computed, the cache, and
 * the task's running state. Only the scheduler thread touches it after submission.
 *
 * <p>A prompt is computed in pieces cut at fixed places (multiples of the prefill chunk, and the shared-prefix
 * end) that depend on the request alone, never on what else runs: that is what keeps a request's numbers
 * identical in any batch, and a prefix-cache hit identical to a miss.
 */
final class Sequence {
    enum Phase { WAITING, PREFILL, DECODE, BRANCHES, DONE }

    final PreparedRequest prepared;
    final CompletableFuture<InferenceResult> future;
    final long submittedNanos;
    final long deadlineNanos;
    final TaskState task;
    Phase phase = Phase.WAITING;
    SequenceCache cache;
    /** Where a shared-prefix snapshot of this prompt is (or will be) kept; null when none is. */
    PrefixCache.Key prefixKey;
    long reservedBytes;
    int fed;
    long admittedNanos;
    long promptDoneNanos;
    /** An image prompt's features and positions, made when the sequence is admitted; null for text. */
    ImagePieces images;

    Sequence(PreparedRequest prepared, CompletableFuture<InferenceResult> future, long submittedNanos,
            long timeoutMillis, TaskState task) {
        this.prepared = prepared;
        this.future = future;
        this.submittedNanos = submittedNanos;
        this.deadlineNanos = timeoutMillis == 0 ? Long.MAX_VALUE : submittedNanos + timeoutMillis * 1_000_000L;
        this.task = task;
    }

    int promptLength() {
        return prepared.prompt().length;
    }

    Task taskKind() {
        return prepared.request().task();
    }

    /** Where the next prompt piece ends: the next multiple of {@code chunk}, the shared-prefix end or the prompt end. */
    int nextPieceEnd(int chunk) {
        int end = Math.min(promptLength(), (fed / chunk + 1) * chunk);
        int prefix = prepared.sharedPrefix();
        return prefix > fed && prefix < end ? prefix : end;
    }

    /** The next prompt piece, reading back what the task needs from it. */
    Piece prefillPiece(int chunk) {
        int end = nextPieceEnd(chunk);
        boolean last = end == promptLength();
        Readout readout;
        if (taskKind() == Task.EMBED) {
            Pooling pooling = prepared.request().pooling();
            readout = pooling == Pooling.MEAN ? Readout.ALL_HIDDEN : last ? Readout.LAST_HIDDEN : Readout.NONE;
        } else {
            readout = last ? Readout.LAST_LOGITS : Readout.NONE;
        }
        int[] tokens = Arrays.copyOfRange(prepared.prompt(), fed, end);
        if (images != null) {
            return new Piece(this, cache, tokens, readout, -1, images.piece(cache, fed, end));
        }
        return new Piece(this, cache, tokens, readout, -1);
    }

    /** The pieces this sequence runs in the next step past its prompt: a decode token, or label branches. */
    List<Piece> pieces() {
        if (phase != Phase.DECODE && phase != Phase.BRANCHES) {
            throw new IllegalStateException("[BUG] no post-prompt pieces for a " + phase + " sequence");
        }
        return task.pieces(this);
    }

    /** Takes the outputs of one of this sequence's pieces after a step. */
    void accept(Piece piece, float[][] rows, long nowNanos) {
        if (phase == Phase.PREFILL) {
            fed += piece.tokens().length;
            boolean last = fed == promptLength();
            if (last) {
                promptDoneNanos = nowNanos;
            }
            phase = task.promptPiece(this, rows, last);
        } else {
            phase = task.accept(this, piece, rows);
        }
    }

    /** The live caches this sequence owns (its own and any branches). */
    void closeCaches() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
        if (images != null) {
            images.close();
            images = null;
        }
        task.closeCaches();
    }
}
