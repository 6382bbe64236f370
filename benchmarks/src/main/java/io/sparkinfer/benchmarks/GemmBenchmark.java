package io.sparkinfer.benchmarks;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.cpu.CpuBackend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU matmul at the Qwen3.5-0.8B shapes (hidden 1024, intermediate 3584, tied vocab 248,320), M rows of
 * activations against a BF16 weight uploaded as a weight (packed panels cached on first use, as in a model).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx10g"})
public class GemmBenchmark {
    /** Output columns x k: MLP gate/up, MLP down, LM head. */
    @Param({"3584x1024", "1024x3584", "248320x1024"})
    public String shape;

    @Param({"1", "8", "32", "128", "256"})
    public int rows;

    private CpuBackend cpu;
    private Tensor x;
    private Tensor w;
    private Tensor y;
    private double gflopPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        int cols = Integer.parseInt(parts[0]);
        int k = Integer.parseInt(parts[1]);
        cpu = new CpuBackend();
        x = cpu.fromFloats(RandomValues.uniform(1, rows * k, 1f), DType.F32, rows, k);
        w = cpu.uploadWeight(RandomValues.uniform(2, cols * k, 0.05f), DType.BF16, cols, k);
        y = cpu.allocate(DType.F32, rows, cols);
        gflopPerCall = 2.0 * rows * k * cols / 1e9;
        cpu.ops().matmul(x, w, y); // packs the panels outside the measurement
    }

    @Benchmark
    public Tensor matmul(Flops flops) {
        cpu.ops().matmul(x, w, y);
        flops.gflop += gflopPerCall;
        return y;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.close();
    }
}
