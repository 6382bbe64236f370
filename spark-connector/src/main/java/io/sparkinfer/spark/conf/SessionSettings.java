package io.sparkinfer.spark.conf;

import io.sparkinfer.spark.executor.EngineSpec;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code spark.sparkinfer.*} settings of one session, resolved once on the driver when a query is planned and
 * carried (serialized) by the functions: the engine spec, error handling, the in-flight bound and the default
 * per-call options.
 */
public record SessionSettings(EngineSpec spec, boolean failOnError, int maxInFlightPerTask,
        Map<String, String> defaultOptions) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SessionSettings {
        Objects.requireNonNull(spec, "spec");
        if (maxInFlightPerTask < 1) {
            throw new IllegalArgumentException("spark.sparkinfer.maxInFlightPerTask must be >= 1, got "
                    + maxInFlightPerTask);
        }
        defaultOptions = Map.copyOf(defaultOptions);
    }

    /** Resolves every key from {@code conf} (session conf over SparkConf, as {@code spark.conf().getAll()} gives). */
    public static SessionSettings from(Map<String, String> conf) {
        String model = SparkInferConf.MODEL.value(conf);
        if (model == null) {
            throw new IllegalArgumentException("no model configured: set spark.sparkinfer.model (e.g. --conf"
                    + " spark.sparkinfer.model=/models/Qwen3.5-0.8B, or spark.conf.set(...) in the session) to a local"
                    + " model directory, a hub id such as Qwen/Qwen3.5-0.8B, or an hdfs:// / s3a:// / file:// URI");
        }
        EngineSpec spec = new EngineSpec(model, SparkInferConf.DEVICE.value(conf), SparkInferConf.DTYPE.value(conf),
                SparkInferConf.MAX_BATCH_TOKENS.intValue(conf, 1), SparkInferConf.MAX_RUNNING.intValue(conf, 1),
                SparkInferConf.PREFILL_CHUNK.intValue(conf, 64), SparkInferConf.CACHE_BUDGET.bytesValue(conf),
                SparkInferConf.THREADS.intValue(conf, 0), SparkInferConf.LOCAL_CACHE_DIR.value(conf),
                SparkInferConf.BACKEND_FACTORY.value(conf));
        if (spec.prefillChunk() % 64 != 0) {
            throw new IllegalArgumentException(SparkInferConf.PREFILL_CHUNK.name() + " = " + spec.prefillChunk()
                    + " must be a multiple of 64 (the DeltaNet chunk)");
        }
        Map<String, String> options = new TreeMap<>();
        conf.forEach((k, v) -> {
            if (k.startsWith(SparkInferConf.OPTION_PREFIX)) {
                options.put(k.substring(SparkInferConf.OPTION_PREFIX.length()), v);
            }
        });
        return new SessionSettings(spec, SparkInferConf.FAIL_ON_ERROR.boolValue(conf),
                SparkInferConf.MAX_IN_FLIGHT.intValue(conf, 1), options);
    }

    /** A call's options over the session's defaults: per-call > session conf > built-in defaults. */
    public Map<String, String> optionsFor(Map<String, String> callOptions) {
        Map<String, String> merged = new LinkedHashMap<>(defaultOptions);
        merged.putAll(callOptions);
        return merged;
    }
}
