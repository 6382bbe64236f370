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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Qwen3.5-0.8B full-attention layer's softmax attention (8 query heads, 2 kv heads, head dim 256): a
 * 512-token prefill (causal) and one decode step over 512 cached positions. GFLOP: 4 hd per query head and
 * attended key (the two products; the softmax is not counted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class AttentionBenchmark {
    private static final int HEADS = 8;
    private static final int KV_HEADS = 2;
    private static final int HEAD_DIM = 256;
    private static final int CONTEXT = 512;

    private CpuBackend cpu;
    private Tensor q;
    private Tensor kCache;
    private Tensor vCache;
    private Tensor out;

    @Setup(Level.Trial)
    public void setUp() {
        cpu = new CpuBackend();
        q = cpu.fromFloats(RandomValues.uniform(8, CONTEXT * HEADS * HEAD_DIM, 1f), DType.F32, CONTEXT,
                HEADS * HEAD_DIM);
        kCache = cpu.fromFloats(RandomValues.uniform(9, CONTEXT * KV_HEADS * HEAD_DIM, 1f), DType.F32, CONTEXT,
                KV_HEADS * HEAD_DIM);
        vCache = cpu.fromFloats(RandomValues.uniform(10, CONTEXT * KV_HEADS * HEAD_DIM, 1f), DType.F32, CONTEXT,
                KV_HEADS * HEAD_DIM);
        out = cpu.allocate(DType.F32, CONTEXT, HEADS * HEAD_DIM);
    }

    @Benchmark
    public Tensor prefill512(Flops flops) {
        cpu.ops().attention(q, kCache, vCache, 0, HEADS, KV_HEADS, HEAD_DIM, 0.0625f, out);
        flops.gflop += 4.0 * HEAD_DIM * HEADS * (CONTEXT * (CONTEXT + 1L) / 2) / 1e9;
        return out;
    }

    @Benchmark
    public Tensor decodeOver512(Flops flops) {
        Tensor row = out.rows(0, 1);
        cpu.ops().attention(q.rows(0, 1), kCache, vCache, CONTEXT - 1, HEADS, KV_HEADS, HEAD_DIM, 0.0625f, row);
        flops.gflop += 4.0 * HEAD_DIM * HEADS * CONTEXT / 1e9;
        return row;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.close();
    }
}
