package io.sparkinfer.benchmarks;

import io.sparkinfer.engine.layers.ActivationTap;
import io.sparkinfer.engine.layers.FeedForward;
import io.sparkinfer.engine.layers.Mlp;
import io.sparkinfer.engine.layers.SparseMoe;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
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
 * One MoE layer of the Qwen3.5-35B-A3B shape (hidden 2048, 256 experts of width 512, top-8, a shared expert of
 * 512; BF16 weights) against a dense SwiGLU MLP of the same active width (8 x 512 + 512 = 4608), at n tokens
 * per step. Both count the same active GFLOP (the three expert products of every routed and shared row), so
 * the MoE efficiency ratio is moe GFLOP/s over dense GFLOP/s (the router and gates are extra work for MoE).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx12g"})
public class MoeBenchmark {
    private static final int HIDDEN = 2048;
    private static final int EXPERTS = 256;
    private static final int TOP_K = 8;
    private static final int WIDTH = 512;
    private static final int ACTIVE_WIDTH = TOP_K * WIDTH + WIDTH;

    @Param({"moe", "dense"})
    public String block;

    @Param({"64", "128"})
    public int tokens;

    private CpuBackend cpu;
    private FeedForward layer;
    private Tensor x;
    private double gflopPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        cpu = new CpuBackend();
        x = cpu.fromFloats(RandomValues.uniform(11, tokens * HIDDEN, 1f), DType.F32, tokens, HIDDEN);
        layer = block.equals("moe") ? moe() : mlp(12, ACTIVE_WIDTH);
        gflopPerCall = 2.0 * tokens * 3 * HIDDEN * ACTIVE_WIDTH / 1e9;
        layer.forward(cpu, x, "", ActivationTap.NONE).close(); // packs the panels outside the measurement
    }

    private SparseMoe moe() {
        List<Mlp> experts = new ArrayList<>(EXPERTS);
        for (int e = 0; e < EXPERTS; e++) {
            experts.add(mlp(100 + 3L * e, WIDTH));
        }
        Tensor router = weight(13, EXPERTS, HIDDEN);
        return new SparseMoe(router, experts, TOP_K, mlp(14, WIDTH), weight(15, 1, HIDDEN));
    }

    private Mlp mlp(long seed, int width) {
        return new Mlp(weight(seed, width, HIDDEN), weight(seed + 1, width, HIDDEN), weight(seed + 2, HIDDEN, width));
    }

    private Tensor weight(long seed, int rows, int cols) {
        return cpu.uploadWeight(RandomValues.uniform(seed, rows * cols, 0.03f), DType.BF16, rows, cols);
    }

    @Benchmark
    public void forward(Flops flops) {
        layer.forward(cpu, x, "", ActivationTap.NONE).close();
        flops.gflop += gflopPerCall;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.close();
    }
}
