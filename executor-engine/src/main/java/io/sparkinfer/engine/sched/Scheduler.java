package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.cache.CacheShape;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.engine.models.qwen35.vision.ImagePrefill;
import io.sparkinfer.engine.runtime.VisionSupport;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Optional;
import io.sparkinfer.engine.models.qwen35.Readout;
import io.sparkinfer.engine.models.qwen35.SequenceInput;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Task;
import io.sparkinfer.engine.runtime.Timings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Continuous batching, one step at a time, on the engine thread: admit waiting requests while the cache budget
 * allows (they wait rather than overcommit), pack every running sequence's next piece (decode tokens, label
 * branches, then prompt chunks within the token budget) into one forward pass, hand each its outputs, and
 * complete the ones that finished so their memory frees at once.
 */
final class Scheduler implements AutoCloseable {
    private final Qwen35Model model;
    private final Optional<VisionSupport> vision;
    private final EngineOptions options;
    private final RequestPreparer preparer;
    private final PrefixCache prefixes;
    private final EngineStats stats;
    private final StepListener listener;
    private final Deque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();
    private long reservedBytes;

    Scheduler(Qwen35Model model, Optional<VisionSupport> vision, EngineOptions options, RequestPreparer preparer,
            EngineStats stats, StepListener listener) {
        this.listener = listener;
        this.model = model;
        this.vision = vision;
        this.options = options;
        this.preparer = preparer;
        this.prefixes = new PrefixCache(CacheShape.of(model.config()), options.prefixCacheBytes());
        this.stats = stats;
    }

    void enqueue(Sequence s) {
        s.prefixKey = prefixKey(s);
        waiting.addLast(s);
    }

    boolean hasWork() {
        return !waiting.isEmpty() || !running.isEmpty();
    }

    /** Runs one step; false when there was nothing to run (everything waiting is blocked or gone). */
    boolean step() {
        long now = System.nanoTime();
        reap(now);
        admit(now);
        List<Piece> pieces = plan();
        if (pieces.isEmpty()) {
            return false;
        }
        List<float[][]> outputs;
        long start = System.nanoTime();
        try {
            outputs = model.forward(pieces.stream().map(p -> new SequenceInput(p.cache(), p.tokens(), p.multimodal()))
                            .toList(),
                    pieces.stream().map(Piece::readout).toList());
        } catch (RuntimeException | OutOfMemoryError e) {
            failStep(pieces, e);
            return true;
        }
        long end = System.nanoTime();
        record(pieces, end - start);
        listener.onStep(pieces, outputs);
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            Sequence s = piece.owner();
            s.accept(piece, outputs.get(i), end);
            savePrefix(s);
        }
        for (Iterator<Sequence> it = running.iterator(); it.hasNext(); ) {
            Sequence s = it.next();
            if (s.phase == Sequence.Phase.DONE) {
                it.remove();
                finish(s, s.task.result(s, timings(s, end)));
            }
        }
        return true;
    }

    /** Drops cancelled requests and stops the ones past their time limit, freeing their slots. */
    private void reap(long now) {
        reap(waiting, now);
        reap(running, now);
    }

    private void reap(Iterable<Sequence> sequences, long now) {
        for (Iterator<Sequence> it = sequences.iterator(); it.hasNext(); ) {
            Sequence s = it.next();
            if (s.future.isDone() || now > s.deadlineNanos) {
                it.remove();
                end(s, now);
            }
        }
    }

    private void end(Sequence s, long now) {
        if (s.future.isDone()) {
            stats.cancelled();
            release(s);
        } else {
            stats.timedOut();
            long limit = (s.deadlineNanos - s.submittedNanos) / 1_000_000L;
            finish(s, s.task.timedOut(s, timings(s, now), limit));
        }
    }

    private void admit(long now) {
        for (Iterator<Sequence> it = waiting.iterator(); it.hasNext() && running.size() < options.maxRunning(); ) {
            Sequence s = it.next();
            PrefixCache.Key key = s.prefixKey;
            if (key != null && prefixes.isPending(key)) {
                continue; // another sequence is computing this prefix: start from its snapshot instead
            }
            long need = preparer.bytesNeeded(s.prepared);
            if (reservedBytes + need > options.cacheBudgetBytes()) {
                break; // first come, first served: wait for memory rather than overcommit
            }
            it.remove();
            reservedBytes += need;
            stats.cacheBytes(reservedBytes);
            s.reservedBytes = need;
            s.admittedNanos = now;
            var snapshot = key == null ? null : prefixes.lookup(key);
            if (snapshot != null) {
                s.cache = snapshot.fork(s.prepared.cacheTokens());
                s.fed = key.ids().length;
                stats.prefixHit(s.fed);
            } else {
                s.cache = model.newCache(s.prepared.cacheTokens());
                if (key != null) {
                    prefixes.markPending(key, s);
                }
            }
            s.phase = Sequence.Phase.PREFILL;
            running.add(s);
            if (s.prepared.images().isPresent() && !encodeImages(s, now)) {
                running.remove(s);
            }
        }
    }

    /**
     * Runs the vision tower over an admitted image prompt's images, here on the engine thread because the backend
     * is not shared across threads; a failure ends this request alone with an error result.
     */
    private boolean encodeImages(Sequence s, long now) {
        PreparedImages images = s.prepared.images().orElseThrow();
        VisionSupport v = vision.orElseThrow(() -> new IllegalStateException("[BUG] an image prompt was admitted by"
                + " an engine without a vision tower"));
        Tensor features = null;
        try {
            features = v.tower().forward(images.pixelValues(), images.grids());
            s.images = new ImagePieces(ImagePrefill.of(s.prepared.prompt(), images.grids(), features,
                    images.imageTokenId(), images.merge()), features, v.tower().backend());
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (features != null && s.images == null) {
                features.close();
            }
            finish(s, InferenceResult.failed(s.taskKind(), "the vision tower failed on the prompt's "
                    + images.grids().size() + " image(s) (" + ImagePromptPreparer.tokensPerImage(images)
                    + " tokens) on backend " + v.tower().backend().name() + ": " + e
                    + "; lower the max_pixels option if memory ran out", 0, timings(s, now)));
            return false;
        }
    }

    /** The key of the prefix snapshot this sequence may share, or null (computed once, at enqueue). */
    private PrefixCache.Key prefixKey(Sequence s) {
        // The prompt is cut at the shared prefix either way; only whether its state is saved depends on the cache.
        int shared = s.prepared.sharedPrefix();
        String images = s.prepared.images().map(PreparedImages::digest).orElse("");
        return shared == 0 || !prefixes.fits(shared) ? null
                : PrefixCache.Key.of(s.prepared.prompt(), shared, images);
    }

    /** Decode tokens and label branches of every sequence, then prompt pieces in arrival order within the budget. */
    private List<Piece> plan() {
        List<Piece> pieces = new ArrayList<>();
        int tokens = 0;
        for (Sequence s : running) {
            if (s.phase == Sequence.Phase.DECODE || s.phase == Sequence.Phase.BRANCHES) {
                for (Piece p : s.pieces()) {
                    pieces.add(p);
                    tokens += p.tokens().length;
                }
            }
        }
        boolean prefilled = false;
        for (Sequence s : running) {
            if (s.phase == Sequence.Phase.PREFILL) {
                Piece p = s.prefillPiece(options.prefillChunk());
                if (prefilled && tokens + p.tokens().length > options.maxBatchTokens()) {
                    break;
                }
                pieces.add(p);
                tokens += p.tokens().length;
                prefilled = true;
            }
        }
        return pieces;
    }

    private void savePrefix(Sequence s) {
        PrefixCache.Key key = s.prefixKey;
        if (key != null && s.fed == key.ids().length && prefixes.isOwner(key, s)) {
            prefixes.store(key, s.cache);
            prefixes.release(key, s);
        }
    }

    private void record(List<Piece> pieces, long nanos) {
        Map<Sequence, Boolean> owners = new IdentityHashMap<>();
        int tokens = 0;
        int prompt = 0;
        int sampled = 0;
        for (Piece p : pieces) {
            owners.put(p.owner(), true);
            tokens += p.tokens().length;
            if (p.owner().phase == Sequence.Phase.PREFILL) {
                prompt += p.tokens().length;
            }
            boolean producesToken = p.owner().taskKind() == Task.GENERATE && p.readout() == Readout.LAST_LOGITS;
            sampled += producesToken ? 1 : 0;
        }
        stats.step(owners.size(), tokens, prompt, nanos);
        stats.generated(sampled);
    }

    /** A forward pass failed: its sequences' caches are unusable, so they fail; the engine goes on. */
    private void failStep(List<Piece> pieces, Throwable e) {
        Map<Sequence, Boolean> owners = new IdentityHashMap<>();
        pieces.forEach(p -> owners.put(p.owner(), true));
        for (Sequence s : owners.keySet()) {
            running.remove(s);
            release(s);
            stats.completed(false);
            s.future.completeExceptionally(new IllegalStateException("the forward pass on backend "
                    + model.backend().name() + " failed for a batch of " + owners.size() + " sequences: " + e, e));
        }
    }

    private void finish(Sequence s, InferenceResult result) {
        release(s);
        stats.completed(result.ok());
        s.future.complete(result);
    }

    private void release(Sequence s) {
        s.closeCaches();
        reservedBytes -= s.reservedBytes;
        s.reservedBytes = 0;
        stats.cacheBytes(reservedBytes);
        if (s.prefixKey != null) {
            prefixes.release(s.prefixKey, s);
        }
        s.phase = Sequence.Phase.DONE;
    }

    /** Fails everything not finished with {@code error}; the engine is shutting down. */
    void failAll(RuntimeException error) {
        List<Sequence> all = new ArrayList<>(running);
        all.addAll(waiting);
        running.clear();
        waiting.clear();
        for (Sequence s : all) {
            release(s);
            s.future.completeExceptionally(error);
        }
    }

    private static Timings timings(Sequence s, long now) {
        double queued = s.admittedNanos == 0 ? (now - s.submittedNanos) / 1e6 : (s.admittedNanos - s.submittedNanos) / 1e6;
        double prompt = s.promptDoneNanos == 0 ? 0 : (s.promptDoneNanos - s.submittedNanos) / 1e6;
        return new Timings(queued, prompt, (now - s.submittedNanos) / 1e6);
    }

    long reservedBytes() {
        return reservedBytes;
    }

    int prefixEntries() {
        return prefixes.size();
    }

    @Override
    public void close() {
        prefixes.close();
    }
}
