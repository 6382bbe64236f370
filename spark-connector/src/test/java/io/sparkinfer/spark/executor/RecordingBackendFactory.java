package io.sparkinfer.spark.executor;

import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A backend factory for tests: records each GPU address it is asked for, and computes on the CPU. */
public final class RecordingBackendFactory implements BackendFactory {
    public static final List<String> DEVICES = new CopyOnWriteArrayList<>();

    @Override
    public Backend create(String gpuAddress, String device, int threads) {
        DEVICES.add(gpuAddress == null ? "none" : gpuAddress);
        return Backends.cpuOrReference(1);
    }
}
