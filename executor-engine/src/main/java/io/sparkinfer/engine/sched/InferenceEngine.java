package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Task;
import io.sparkinfer.engine.runtime.Timings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's batch engine: any number of threads {@link #submit} requests; one scheduler thread runs forward
 * steps that pack the new tokens of every request in flight (continuous batching), and the backend's own pool
 * does the math. A request's result does not depend on what else runs: prompts are cut at fixed places and
 * sampling draws from the request's own seed and step.
 *
 * <p>A request that cannot run (empty or over-long prompt, bad options) completes normally with an error
 * result, and the others go on. Cancelling a future frees its slot at the next step. {@link #close} fails what
 * has not finished; {@link #drain} first waits for it.
 */
public final class InferenceEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final EngineModel model;
    private final EngineOptions options;
    private final RequestPreparer preparer;
    private final EngineStats stats = new EngineStats();
    private final Scheduler scheduler;
    private final LinkedBlockingQueue<Sequence> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closing;

    public InferenceEngine(EngineModel model, EngineOptions options) {
        this(model, options, StepListener.NONE);
    }

    InferenceEngine(EngineModel model, EngineOptions options, StepListener listener) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.preparer = new RequestPreparer(model, options);
        this.scheduler = new Scheduler(model.model(), model.vision(), options, preparer, stats, listener);
        this.thread = new Thread(this::loop, "sparkinfer-engine-" + ENGINES.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    public EngineModel model() {
        return model;
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * Queues {@code request}; tokenizing and checking happen on the calling thread. The future completes with
     * the result (an error result when the request itself is at fault), or exceptionally when the engine closed
     * or a forward pass failed. Cancel the future to drop the request.
     */
    public CompletableFuture<InferenceResult> submit(InferenceRequest request) {
        Objects.requireNonNull(request, "request");
        long now = System.nanoTime();
        CompletableFuture<InferenceResult> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(closedError());
            return future;
        }
        PreparedRequest prepared;
        try {
            prepared = preparer.prepare(request);
        } catch (RequestRejected | IllegalArgumentException e) {
            stats.completed(false);
            future.complete(InferenceResult.failed(request.task(), e.getMessage(), 0, Timings.NONE));
            return future;
        }
        Sequence s = new Sequence(prepared, future, now, timeoutMillis(request), taskState(prepared));
        unfinished.incrementAndGet();
        future.whenComplete((r, e) -> unfinished.decrementAndGet());
        inbox.add(s);
        if (closing && inbox.remove(s)) {
            future.completeExceptionally(closedError());
        }
        return future;
    }

    /** Cancels a submitted request; its cache is freed at the next step. */
    public boolean cancel(CompletableFuture<InferenceResult> future) {
        return future.cancel(false);
    }

    /** Counters since the engine started. */
    public EngineStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** Requests submitted and not yet finished. */
    public int pending() {
        return unfinished.get();
    }

    /** Waits up to {@code timeout} for every submitted request to finish; true if they all did. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unfinished.get() > 0) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Stops accepting requests, fails the unfinished ones with a clear error, and stops the scheduler thread. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the engine thread {} did not stop within a minute of close()", thread.getName());
        }
    }

    private void loop() {
        try {
            while (!closing) {
                Sequence next;
                while ((next = inbox.poll()) != null) {
                    scheduler.enqueue(next);
                }
                if (!scheduler.hasWork() || !scheduler.step()) {
                    next = inbox.poll(scheduler.hasWork() ? 1 : 50, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        scheduler.enqueue(next);
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() asked us to stop
        } catch (RuntimeException | Error e) {
            LOG.error("the engine thread {} failed; unfinished requests fail with it", thread.getName(), e);
        } finally {
            Sequence left;
            while ((left = inbox.poll()) != null) {
                scheduler.enqueue(left);
            }
            scheduler.failAll(closedError());
            scheduler.close();
        }
    }

    private long timeoutMillis(InferenceRequest request) {
        long own = request.task() == Task.GENERATE ? request.generate().timeoutMillis() : 0;
        long cap = options.maxWallMillis();
        return own == 0 ? cap : cap == 0 ? own : Math.min(own, cap);
    }

    private TaskState taskState(PreparedRequest prepared) {
        return switch (prepared.request().task()) {
            case GENERATE -> new GenerateState(prepared, model.tokenizer());
            case EMBED -> new EmbedState();
            case CLASSIFY -> new ClassifyState(prepared);
        };
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("the sparkinfer engine for " + model.key() + " was closed before this request"
                + " finished; submit it to a new engine (Spark retries the task)");
    }
}
