package io.sparkinfer.spark.executor;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.kernels.api.Backend;

/** An engine with what it owns (model, backend), the device it runs on and how long loading took. */
public record LoadedEngine(InferenceEngine engine, EngineModel model, Backend backend, String gpuAddress,
        long loadMillis) implements AutoCloseable {

    /** Stops the engine, then frees the model's tokenizer and the backend (weights, threads, device memory). */
    @Override
    public void close() {
        try (Backend b = backend; EngineModel m = model; InferenceEngine e = engine) {
            // closed in reverse order: engine, model, backend
        }
    }
}
