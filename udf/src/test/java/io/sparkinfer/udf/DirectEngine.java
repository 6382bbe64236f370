package io.sparkinfer.udf;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.sched.EngineOptions;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * An engine of its own, outside Spark, on the same model and the same step limits as the session's: the
 * reference that SQL results must equal.
 */
final class DirectEngine implements AutoCloseable {
    private final Backend backend = Backends.cpuOrReference(2);
    private final EngineModel model;
    private final InferenceEngine engine;

    DirectEngine(Path dir) {
        model = EngineModel.load(dir, backend);
        engine = new InferenceEngine(model, EngineOptions.defaults().withMaxBatchTokens(512).withMaxRunning(64)
                .withPrefillChunk(256));
    }

    InferenceResult run(InferenceRequest request) {
        try {
            return engine.submit(request).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        engine.close();
        model.close();
        backend.close();
    }
}
