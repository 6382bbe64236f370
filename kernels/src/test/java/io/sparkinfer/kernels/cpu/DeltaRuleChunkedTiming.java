package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.util.Random;

/**
 * A quick timing, not a unit test: one layer's delta rule at the Qwen3.5-0.8B shape (L = 128 tokens,
 * nk = nv = 16, dk = dv = 128, chunk 64) as the inherited scalar reference, then the CPU chunked and recurrent
 * kernels on 1 and 2 threads; best wall time of repeated calls. Run with the test classpath and
 * --add-modules jdk.incubator.vector; args override L, the chunk size and a factor on the log decays g (below 1:
 * slower decays, so fewer negligible ones for the kernel to skip).
 */
public final class DeltaRuleChunkedTiming {

    public static void main(String[] args) {
        int length = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        float gateFactor = args.length > 2 ? Float.parseFloat(args[2]) : 1f;
        DeltaRuleCase in = DeltaRuleCase.random(new Random(1), length, 16, 16, 128, 128).withGatesScaledBy(gateFactor);
        report("reference (inherited before)", time(new ReferenceBackend().ops(), in, length, chunk, 2_000_000_000L));
        for (int threads : new int[] {1, 2}) {
            try (CpuBackend cpu = new CpuBackend(threads)) {
                report("cpu chunked, " + threads + " thread(s)", time(cpu.ops(), in, length, chunk, 4_000_000_000L));
                report("cpu recurrent, " + threads + " thread(s)", time(cpu.ops(), in, length, 0, 4_000_000_000L));
            }
        }
    }

    /** Best seconds of one call over repeated calls for about {@code nanos} (at least two calls). */
    private static double time(Ops ops, DeltaRuleCase in, int length, int chunk, long nanos) {
        double best = Double.MAX_VALUE;
        long until = System.nanoTime() + nanos;
        for (int call = 0; call < 2 || System.nanoTime() < until; call++) {
            Tensor state = Parity.copy(in.state());
            long t0 = System.nanoTime();
            in.run(ops, state, 0, length, chunk);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static void report(String what, double seconds) {
        System.out.printf("%-32s best %.2f ms%n", what, seconds * 1e3);
    }
}
