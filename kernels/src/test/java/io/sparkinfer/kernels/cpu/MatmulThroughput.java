package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;

/**
 * A quick throughput check, not a unit test: GFLOP/s of x [128, 1024] · w [3584, 1024] on 1 and 2 threads for
 * F32 and BF16 weights. Run with the test classpath and --add-modules jdk.incubator.vector; args override
 * n, k, m.
 */
public final class MatmulThroughput {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int m = args.length > 2 ? Integer.parseInt(args[2]) : 3584;
        Random random = new Random(1);
        float[] xv = new float[n * k];
        float[] wv = new float[m * k];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < wv.length; i++) {
            wv[i] = random.nextFloat() - 0.5f;
        }
        for (int threads : new int[] {1, 2}) {
            try (CpuBackend cpu = new CpuBackend(threads)) {
                for (DType dtype : new DType[] {DType.F32, DType.BF16}) {
                    Tensor x = cpu.fromFloats(xv, DType.F32, n, k);
                    Tensor w = cpu.uploadWeight(wv, dtype, m, k);
                    Tensor y = cpu.allocate(DType.F32, n, m);
                    double best = Double.MAX_VALUE;
                    double bestCpu = Double.MAX_VALUE;
                    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    long until = System.nanoTime() + 4_000_000_000L;
                    while (System.nanoTime() < until) {
                        long t0 = System.nanoTime();
                        long c0 = mx.getCurrentThreadCpuTime();
                        cpu.ops().matmul(x, w, y);
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                        bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
                    }
                    System.out.printf("threads=%d %s n=%d k=%d m=%d: best %.2f ms, %.1f GFLOP/s (caller cpu time %.2f ms)%n",
                            threads, dtype, n, k, m, best * 1e3, 2.0 * n * k * m / best / 1e9, bestCpu * 1e3);
                }
            }
        }
    }
}
