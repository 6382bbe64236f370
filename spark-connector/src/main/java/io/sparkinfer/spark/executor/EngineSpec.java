package io.sparkinfer.spark.executor;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What an executor needs to build an engine, shipped from the driver instead of the model: where the model is,
 * the device policy and the engine's limits. Equal specs share one engine per device in an executor JVM.
 *
 * @param model            local directory, hub id, or Hadoop URI, as the user wrote it
 * @param device           auto, cpu or cuda
 * @param dtype            auto
 * @param cacheBudgetBytes 0 = auto
 * @param threads          CPU backend threads, 0 = auto
 * @param localCacheDir    where Hadoop-filesystem models are copied ("" = default)
 * @param backendFactory   class name of the {@link BackendFactory}
 */
public record EngineSpec(String model, String device, String dtype, int maxBatchTokens, int maxRunning,
        int prefillChunk, long cacheBudgetBytes, int threads, String localCacheDir, String backendFactory)
        implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> DEVICES = Set.of("auto", "cpu", "cuda");

    public EngineSpec {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("no model configured: set spark.sparkinfer.model to a local model"
                    + " directory, a hub id such as Qwen/Qwen3.5-0.8B, or an hdfs:// / s3a:// / file:// URI");
        }
        device = device.toLowerCase(Locale.ROOT);
        if (!DEVICES.contains(device)) {
            throw new IllegalArgumentException("spark.sparkinfer.device = '" + device + "' is not a device policy;"
                    + " use auto, cpu or cuda");
        }
        if (!"auto".equalsIgnoreCase(dtype)) {
            throw new IllegalArgumentException("spark.sparkinfer.dtype = '" + dtype + "' is not supported yet; use"
                    + " auto (weights keep the checkpoint's dtype; the CPU backend lays out its own panels)");
        }
        Objects.requireNonNull(localCacheDir, "localCacheDir");
        Objects.requireNonNull(backendFactory, "backendFactory");
    }

    /** Whether the model lives on a Hadoop filesystem (a URI with a scheme) rather than a local path or hub id. */
    public boolean remoteModel() {
        return ModelLocation.isUri(model);
    }

    @Override
    public String toString() {
        return "EngineSpec[" + model + ", device=" + device + "]";
    }
}
