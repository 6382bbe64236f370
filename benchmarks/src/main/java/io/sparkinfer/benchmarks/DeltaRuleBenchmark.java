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
 * One Qwen3.5-0.8B DeltaNet layer's chunked gated delta rule (16 key and value heads, dk = dv = 128, chunks
 * of 64) over a prefill of L tokens. GFLOP counts the recurrent form's work, 6 dk dv per token and head
 * (k·S, the rank-1 update, q·S), so the figure compares with the token loop it replaces.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class DeltaRuleBenchmark {
    private static final int HEADS = 16;
    private static final int DK = 128;
    private static final int DV = 128;

    @Param({"128", "512"})
    public int tokens;

    private CpuBackend cpu;
    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor g;
    private Tensor beta;
    private Tensor state;
    private Tensor out;
    private double gflopPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        cpu = new CpuBackend();
        q = normalised(3, (float) (1 / Math.sqrt(DK)));
        k = normalised(4, 1f);
        v = cpu.fromFloats(RandomValues.uniform(5, tokens * HEADS * DV, 1f), DType.F32, tokens, HEADS * DV);
        float[] decay = RandomValues.uniform(6, tokens * HEADS, 0.2f);
        float[] gate = RandomValues.uniform(7, tokens * HEADS, 0.4f);
        for (int i = 0; i < decay.length; i++) {
            decay[i] = -0.25f - decay[i]; // log decays in (-0.45, -0.05)
            gate[i] = 0.5f + gate[i];     // beta in (0.1, 0.9)
        }
        g = cpu.fromFloats(decay, DType.F32, tokens, HEADS);
        beta = cpu.fromFloats(gate, DType.F32, tokens, HEADS);
        state = cpu.allocate(DType.F32, HEADS, DK, DV);
        out = cpu.allocate(DType.F32, tokens, HEADS * DV);
        gflopPerCall = 6.0 * tokens * HEADS * DK * DV / 1e9;
    }

    private Tensor normalised(long seed, float scale) {
        Tensor t = cpu.fromFloats(RandomValues.uniform(seed, tokens * HEADS * DK, 1f), DType.F32, tokens,
                HEADS * DK);
        cpu.ops().l2Norm(t, DK, 1e-6f, scale, t);
        return t;
    }

    @Benchmark
    public Tensor chunked(Flops flops) {
        cpu.ops().deltaRuleChunked(q, k, v, g, beta, state, HEADS, HEADS, 64, out);
        flops.gflop += gflopPerCall;
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.close();
    }
}
