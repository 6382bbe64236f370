package io.sparkinfer.spark.task;

import io.sparkinfer.engine.runtime.InferenceResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.TaskContext;

/** Waits for an engine result inside a Spark task, giving up (and cancelling) when the task is killed. */
public final class EngineWait {

    private EngineWait() {
    }

    public static InferenceResult await(CompletableFuture<InferenceResult> future, String function) {
        TaskContext task = TaskContext.get();
        try {
            while (true) {
                try {
                    return future.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (task != null && task.isInterrupted()) {
                        future.cancel(false);
                        task.killTaskIfInterrupted();
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(function + " was interrupted while waiting for the engine", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the sparkinfer engine failed while running " + function + ": "
                    + e.getCause(), e.getCause());
        }
    }
}
