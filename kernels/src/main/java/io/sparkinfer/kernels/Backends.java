package io.sparkinfer.kernels;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.cpu.CpuBackend;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the fastest host backend this JVM can run: the CPU backend when the Vector API module is readable,
 * else the scalar reference, saying once in the log why and how to fix it.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    /** The log line (and {@link #vectorApiProblem()}) when the CPU backend cannot run here. */
    public static final String FALLING_BACK = CpuBackend.VECTOR_API_MISSING + "; running the scalar reference ops";

    private Backends() {}

    /** A new CPU backend on every available processor, or the reference backend (see the class comment). */
    public static Backend cpuOrReference() {
        return cpuOrReference(Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #cpuOrReference()} with {@code threads} threads for the CPU backend; the caller closes it. */
    public static Backend cpuOrReference(int threads) {
        return Probe.PROBLEM.isPresent() ? new ReferenceBackend() : new CpuBackend(threads);
    }

    /** Why the CPU backend cannot run in this JVM, or empty when it can. */
    public static Optional<String> vectorApiProblem() {
        return Probe.PROBLEM;
    }

    /** The probe's answer, computed and logged once, on first use. */
    private static final class Probe {
        static final Optional<String> PROBLEM = probe();

        private static Optional<String> probe() {
            if (CpuBackend.vectorApiReadable()) {
                return Optional.empty();
            }
            LOG.warn(FALLING_BACK);
            return Optional.of(FALLING_BACK);
        }
    }
}
