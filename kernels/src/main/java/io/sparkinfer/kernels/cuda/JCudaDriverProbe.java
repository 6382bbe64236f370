package io.sparkinfer.kernels.cuda;

import io.sparkinfer.kernels.DriverProbe;
import java.util.Optional;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Asks the real driver once per JVM and caches the answer: JCuda throws UnsatisfiedLinkError on the first
 * call without a driver and NoClassDefFoundError on later ones, so only the first answer is meaningful.
 */
public final class JCudaDriverProbe implements DriverProbe {

    public static final JCudaDriverProbe INSTANCE = new JCudaDriverProbe();

    private JCudaDriverProbe() {}

    @Override
    public Optional<String> problem() {
        return Outcome.PROBLEM;
    }

    private static final class Outcome {
        static final Optional<String> PROBLEM = probe();

        private static Optional<String> probe() {
            try {
                int init = JCudaDriver.cuInit(0);
                if (init != CUresult.CUDA_SUCCESS) {
                    return Optional.of("cuInit failed: " + CUresult.stringFor(init));
                }
                int[] count = new int[1];
                int got = JCudaDriver.cuDeviceGetCount(count);
                if (got != CUresult.CUDA_SUCCESS) {
                    return Optional.of("cuDeviceGetCount failed: " + CUresult.stringFor(got));
                }
                return count[0] > 0 ? Optional.empty() : Optional.of("the CUDA driver reports no devices");
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                // JCuda's message embeds the nested stack traces of every load attempt: keep its first line.
                return Optional.of("no CUDA driver: " + e.toString().lines().findFirst().orElse(e.getClass().getName()));
            }
        }
    }
}
