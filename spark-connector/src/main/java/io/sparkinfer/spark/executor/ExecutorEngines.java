package io.sparkinfer.spark.executor;

import io.sparkinfer.engine.hub.ModelResolver;
import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.sched.EngineOptions;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.kernels.api.Backend;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines of this executor JVM: one per (engine spec, GPU address), created on first use, shared by every
 * task, closed when the executor shuts down. Functions and partitions carry an {@link EngineSpec}, never an engine.
 */
public final class ExecutorEngines {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorEngines.class);

    private record Key(EngineSpec spec, String gpuAddress) {
    }

    private static final Map<Key, Slot> ENGINES = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<EngineSpec, AtomicInteger> LOADS_BY_SPEC = new ConcurrentHashMap<>();

    private ExecutorEngines() {
    }

    /** The engine for {@code spec} on the current task's device, loading it if this JVM has none yet. */
    public static Acquired acquire(EngineSpec spec) {
        return acquire(spec, ExecutorGpus.forCurrentTask());
    }

    /** As {@link #acquire(EngineSpec)} for an explicit GPU address (null: none). */
    public static Acquired acquire(EngineSpec spec, String gpuAddress) {
        Key key = new Key(spec, gpuAddress == null ? "" : gpuAddress);
        Slot slot = ENGINES.computeIfAbsent(key, Slot::new);
        return slot.get();
    }

    /** How many engines this JVM has loaded since it started (tests check that it is one per executor). */
    public static int loadCount() {
        return LOADS.get();
    }

    /** How many engines for {@code spec} (on any device) this JVM has loaded. */
    public static int loadCount(EngineSpec spec) {
        AtomicInteger n = LOADS_BY_SPEC.get(spec);
        return n == null ? 0 : n.get();
    }

    /** Closes every engine (executor shutdown); later calls load afresh. */
    public static void closeAll() {
        for (Key key : ENGINES.keySet()) {
            Slot slot = ENGINES.remove(key);
            if (slot != null) {
                slot.close();
            }
        }
    }

    /** An engine, and the load time this call paid (0 when it was already loaded). */
    public record Acquired(LoadedEngine loaded, long loadMillisPaid) {
        public InferenceEngine engine() {
            return loaded.engine();
        }
    }

    /** Loads at most once; a failed load is not cached, so a later task retries it. */
    private static final class Slot {
        private final Key key;
        private LoadedEngine loaded;

        Slot(Key key) {
            this.key = key;
        }

        synchronized Acquired get() {
            if (loaded != null) {
                return new Acquired(loaded, 0);
            }
            try {
                loaded = load(key);
            } catch (RuntimeException | Error e) {
                ENGINES.remove(key, this);
                throw e;
            }
            return new Acquired(loaded, loaded.loadMillis());
        }

        synchronized void close() {
            if (loaded != null) {
                loaded.close();
                loaded = null;
            }
        }
    }

    private static LoadedEngine load(Key key) {
        long started = System.nanoTime();
        EngineSpec spec = key.spec();
        Path dir = localDirectory(spec);
        String address = key.gpuAddress().isEmpty() ? null : key.gpuAddress();
        Backend backend = BackendFactory.named(spec.backendFactory()).create(address, spec.device(), threads(spec));
        EngineModel model;
        InferenceEngine engine;
        try {
            model = EngineModel.load(dir, backend);
            engine = new InferenceEngine(model, engineOptions(spec));
        } catch (RuntimeException | Error e) {
            backend.close();
            throw e;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOADS.incrementAndGet();
        LOADS_BY_SPEC.computeIfAbsent(spec, k -> new AtomicInteger()).incrementAndGet();
        LOG.info("sparkinfer engine for {} on {} loaded in {} ms", spec.model(), backend.name(), millis);
        return new LoadedEngine(engine, model, backend, address, millis);
    }

    private static Path localDirectory(EngineSpec spec) {
        if (spec.remoteModel()) {
            Path root = spec.localCacheDir().isBlank()
                    ? Path.of(System.getProperty("java.io.tmpdir"), "sparkinfer-models") : Path.of(spec.localCacheDir());
            return new ModelLocalizer(root, hadoopConf()).localize(spec.model());
        }
        return ModelResolver.fromEnvironment().resolve(spec.model());
    }

    private static Configuration hadoopConf() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    private static int threads(EngineSpec spec) {
        if (spec.threads() > 0) {
            return spec.threads();
        }
        SparkEnv env = SparkEnv.get();
        int cores = env == null ? 0 : env.conf().getInt("spark.executor.cores", 0);
        return cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
    }

    static EngineOptions engineOptions(EngineSpec spec) {
        EngineOptions o = EngineOptions.defaults().withMaxBatchTokens(spec.maxBatchTokens())
                .withMaxRunning(spec.maxRunning()).withPrefillChunk(spec.prefillChunk());
        return spec.cacheBudgetBytes() > 0 ? o.withCacheBudgetBytes(spec.cacheBudgetBytes()) : o;
    }
}
