package io.sparkinfer.kernels;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where the forward pass runs: the GPU Spark assigned (an address such as "0"), else cuda:0 when a
 * driver is present, else the CPU ({@link Backends#cpuOrReference()}), logging why.
 */
public final class BackendSelector {
    private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);

    /** The outcome: a CUDA device ordinal, or empty for the CPU, with the reason that was logged. */
    public record Choice(Optional<Integer> cudaDevice, String reason) {
        public Choice {
            if (cudaDevice == null || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("[BUG] a backend choice needs a device (or empty) and a reason");
            }
        }

        /** The backend name as logs show it: {@code cuda:N} or {@code cpu}. */
        public String name() {
            return cudaDevice.map(d -> "cuda:" + d).orElse("cpu");
        }
    }

    private final DriverProbe probe;

    public BackendSelector(DriverProbe probe) {
        if (probe == null) {
            throw new IllegalArgumentException("[BUG] BackendSelector needs a driver probe");
        }
        this.probe = probe;
    }

    /**
     * Decides for {@code gpuAddress} (Spark's resource address for this task, or null/blank when none was
     * assigned). An assigned address without a driver is an error: Spark promised a GPU that is not usable.
     */
    public Choice choose(String gpuAddress) {
        Optional<String> problem = probe.problem();
        Choice choice;
        if (gpuAddress != null && !gpuAddress.isBlank()) {
            int device = parseAddress(gpuAddress.trim());
            if (problem.isPresent()) {
                throw new IllegalStateException("Spark assigned GPU address " + gpuAddress + " but CUDA is not usable: "
                        + problem.get() + "; install the NVIDIA driver (r525+) on the executor or drop the GPU"
                        + " resource request (spark.executor.resource.gpu.amount)");
            }
            choice = new Choice(Optional.of(device), "Spark assigned GPU address " + gpuAddress);
        } else if (problem.isEmpty()) {
            choice = new Choice(Optional.of(0), "no GPU address assigned and a CUDA driver is present");
        } else {
            choice = new Choice(Optional.empty(), "no GPU address assigned and " + problem.get());
        }
        LOG.info("backend {}: {}", choice.name(), choice.reason());
        return choice;
    }

    private static int parseAddress(String address) {
        try {
            int device = Integer.parseInt(address);
            if (device >= 0) {
                return device;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("GPU address '" + address + "' is not a device ordinal (0, 1, ...);"
                + " check spark.executor.resource.gpu.discoveryScript's output");
    }
}
