package io.sparkinfer.spark.task;

import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.sched.EngineStats;
import io.sparkinfer.spark.executor.EngineSpec;
import io.sparkinfer.spark.executor.ExecutorEngines;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One Spark task's use of its executor's engine: loads the engine on the first request, waits for results (giving
 * up when the task is killed), counts what the task's metrics show, and cancels what is still in flight when the
 * task ends early. The batched SQL evaluation and the DataSource reader both run their rows through it.
 */
public final class TaskEngine {
    private final EngineSpec spec;
    private final long startNanos = System.nanoTime();
    private final Set<CompletableFuture<InferenceResult>> inFlight =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private ExecutorEngines.Acquired acquired;
    private EngineStats.Snapshot engineAtStart;
    private long rows;
    private long promptTokens;
    private long generatedTokens;
    private long errors;

    public TaskEngine(EngineSpec spec) {
        this.spec = spec;
    }

    /** Submits {@code request} to the executor's engine, loading it first if this JVM has none yet. */
    public CompletableFuture<InferenceResult> submit(InferenceRequest request) {
        if (acquired == null) {
            acquired = ExecutorEngines.acquire(spec);
            engineAtStart = acquired.engine().stats();
        }
        CompletableFuture<InferenceResult> f = acquired.engine().submit(request);
        inFlight.add(f);
        return f;
    }

    /** The result of a submitted request, counted in the metrics; {@code caller} names the function in errors. */
    public InferenceResult await(CompletableFuture<InferenceResult> future, String caller) {
        InferenceResult r = EngineWait.await(future, caller);
        inFlight.remove(future);
        promptTokens += r.promptTokens();
        generatedTokens += r.completionTokens();
        if (!r.ok()) {
            errors++;
        }
        return r;
    }

    /** A value that failed before reaching the engine (bad options, a bad prompt template value). */
    public void countFailure() {
        errors++;
    }

    public void countRow() {
        rows++;
    }

    /** Cancels every request still in flight (the engine drops them at its next step). */
    public void cancelInFlight() {
        synchronized (inFlight) {
            for (CompletableFuture<InferenceResult> f : inFlight) {
                f.cancel(false);
            }
            inFlight.clear();
        }
    }

    /** What this task did so far. */
    public Counts counts() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double tokensPerSecond = 0;
        double batchFill = 0;
        long loadMillis = 0;
        if (acquired != null) {
            tokensPerSecond = seconds > 0 ? (promptTokens + generatedTokens) / seconds : 0;
            EngineStats.Snapshot now = acquired.engine().stats();
            long steps = now.steps() - engineAtStart.steps();
            long sequences = now.stepSequences() - engineAtStart.stepSequences();
            batchFill = steps == 0 ? 0 : (double) sequences / steps;
            loadMillis = acquired.loadMillisPaid();
        }
        return new Counts(acquired != null, rows, promptTokens, generatedTokens, errors, tokensPerSecond, batchFill,
                loadMillis, Math.round(seconds * 1000));
    }

    /**
     * A task's figures: whether it reached the engine, rows out, tokens in and out, failed results, tokens per second and the engine's mean batch
     * fill while it ran, the model load time it paid and its evaluation time.
     */
    public record Counts(boolean usedEngine, long rows, long promptTokens, long generatedTokens, long errors, double tokensPerSecond,
            double batchFill, long loadMillis, long evalMillis) {
    }
}
