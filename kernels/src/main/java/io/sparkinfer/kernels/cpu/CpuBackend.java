package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.host.HostBackend;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap tensors, ops as Vector API kernels on a fixed pool of daemon threads owned by this backend
 * ({@code sparkinfer-cpu-N}; {@link #close()} stops them). Needs the {@code jdk.incubator.vector} module:
 * {@link io.sparkinfer.kernels.Backends} checks for it and falls back to the reference backend with a reason;
 * this constructor refuses to start without it.
 */
public final class CpuBackend extends HostBackend {
    private static final Logger LOG = LoggerFactory.getLogger(CpuBackend.class);

    /** What is missing, and the fix, when this JVM cannot run the CPU backend. */
    public static final String VECTOR_API_MISSING = "Vector API not readable: add --add-modules"
            + " jdk.incubator.vector to spark.executor.extraJavaOptions (and the driver's)";

    private final CpuPool pool;
    private final CpuOps ops;

    /** A backend using every available processor. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A backend whose ops run on {@code threads} threads in all: the calling thread and threads - 1 workers. */
    public CpuBackend(int threads) {
        if (!vectorApiReadable()) {
            throw new IllegalStateException(VECTOR_API_MISSING + "; or use Backends.cpuOrReference(), which falls"
                    + " back to the scalar reference ops");
        }
        this.pool = new CpuPool(threads);
        this.ops = new CpuOps(pool);
        LOG.info(inheritedOpsMessage());
    }

    /** Whether this JVM can load the Vector API (probed once). */
    public static boolean vectorApiReadable() {
        return Probe.READABLE;
    }

    private static final class Probe {
        static final boolean READABLE = probe();

        private static boolean probe() {
            try {
                Class.forName("jdk.incubator.vector.FloatVector");
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /** The log line listing the ops this backend runs as the scalar reference. */
    static String inheritedOpsMessage() {
        List<String> inherited = CpuOps.inheritedOps();
        return inherited.isEmpty() ? "cpu backend: every op has a vector kernel"
                : "cpu backend: " + inherited.size() + " ops have no vector kernel and run the scalar reference: "
                        + String.join(", ", inherited);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Ops ops() {
        return ops;
    }

    /** Threads the ops run on, the caller's included. */
    public int threads() {
        return pool.threads();
    }

    @Override
    public void close() {
        pool.close();
    }
}
