package io.sparkinfer.spark.executor;

import io.sparkinfer.kernels.BackendSelector;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.cuda.JCudaDriverProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production factory: {@code cpu} runs on the CPU backend; {@code auto} follows {@link BackendSelector} (the
 * assigned GPU, else cuda:0 when a driver is present, else the CPU). This build has no CUDA backend yet, so a
 * CUDA choice under {@code auto} runs on the CPU and says so; {@code cuda} fails with that reason.
 */
public final class DefaultBackendFactory implements BackendFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultBackendFactory.class);

    static final String NO_CUDA_BACKEND = "this build of sparkinfer has no CUDA backend yet";

    @Override
    public Backend create(String gpuAddress, String device, int threads) {
        if ("cpu".equals(device)) {
            LOG.info("backend cpu: spark.sparkinfer.device=cpu");
            return Backends.cpuOrReference(threads);
        }
        if ("cuda".equals(device)) {
            throw new IllegalStateException("spark.sparkinfer.device=cuda, but " + NO_CUDA_BACKEND + "; set"
                    + " spark.sparkinfer.device=cpu (or auto)");
        }
        BackendSelector.Choice choice = new BackendSelector(JCudaDriverProbe.INSTANCE).choose(gpuAddress);
        if (choice.cudaDevice().isPresent()) {
            LOG.warn("backend cpu: {} chose {}, but {}", choice.reason(), choice.name(), NO_CUDA_BACKEND);
        }
        return Backends.cpuOrReference(threads);
    }
}
