package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.reference.ReferenceOps;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * The CPU ops: the reference ops with the hot ones overridden by Vector API kernels on the backend's own
 * threads (one op family per class: CpuGemm, CpuElementwise, ...). An op not overridden here runs the
 * inherited scalar reference; {@link #inheritedOps()} lists them. The vision tower's rope2d and scatterRows
 * delegate to the reference for now (a few passes over the patches per image, next to its matmuls). Each kernel checks its arguments before any
 * thread starts.
 */
public class CpuOps extends ReferenceOps {
    private final CpuPool pool;

    CpuOps(CpuPool pool) {
        this.pool = pool;
    }

    /** Names of the {@link Ops} methods this class does not override, sorted: they run the scalar reference. */
    public static List<String> inheritedOps() {
        return Arrays.stream(Ops.class.getMethods())
                .filter(m -> !declaredHere(m))
                .map(Method::getName)
                .distinct()
                .sorted()
                .toList();
    }

    private static boolean declaredHere(Method m) {
        try {
            CpuOps.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public void matmul(Tensor x, Tensor w, Tensor y) {
        CpuGemm.matmul(pool, x, w, y);
    }

    @Override
    public void embedding(int[] ids, Tensor table, Tensor out) {
        CpuEmbedding.embedding(pool, ids, table, out);
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        CpuElementwise.add(pool, a, b, out);
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor out) {
        CpuElementwise.swiglu(pool, gate, up, out);
    }

    @Override
    public void sigmoidGate(Tensor x, Tensor gate, Tensor out) {
        CpuElementwise.sigmoidGate(pool, x, gate, out);
    }

    @Override
    public void silu(Tensor x, Tensor out) {
        CpuElementwise.silu(pool, x, out);
    }

    @Override
    public void scaleRowsBySigmoid(Tensor x, Tensor s, Tensor out) {
        CpuElementwise.scaleRowsBySigmoid(pool, x, s, out);
    }

    @Override
    public void rmsNorm(Tensor x, Tensor w, float eps, Tensor out) {
        CpuNorms.rmsNorm(pool, x, w, eps, out);
    }

    @Override
    public void gatedRmsNorm(Tensor x, Tensor z, Tensor w, float eps, Tensor out) {
        CpuNorms.gatedRmsNorm(pool, x, z, w, eps, out);
    }

    @Override
    public void l2Norm(Tensor x, int groupSize, float eps, float scale, Tensor out) {
        CpuNorms.l2Norm(pool, x, groupSize, eps, scale, out);
    }

    @Override
    public void softmax(Tensor x, Tensor out) {
        CpuNorms.softmax(pool, x, out);
    }

    @Override
    public void attention(Tensor q, Tensor kCache, Tensor vCache, int start, int numHeads, int numKvHeads,
            int headDim, float scale, Tensor out) {
        CpuAttention.attention(pool, q, kCache, vCache, start, numHeads, numKvHeads, headDim, scale, out);
    }

    @Override
    public void causalConv1d(Tensor x, Tensor w, Tensor state, Tensor out) {
        CpuConv.causalConv1d(pool, x, w, state, out);
    }

    @Override
    public void deltaRuleRecurrent(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state,
            int numKeyHeads, int numValueHeads, Tensor out) {
        CpuDeltaRule.recurrent(pool, q, k, v, g, beta, state, numKeyHeads, numValueHeads, out);
    }

    @Override
    public void deltaRuleChunked(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state,
            int numKeyHeads, int numValueHeads, int chunkSize, Tensor out) {
        CpuDeltaRuleChunked.chunked(pool, q, k, v, g, beta, state, numKeyHeads, numValueHeads, chunkSize, out);
    }

    @Override
    public void addBias(Tensor x, Tensor bias, Tensor out) {
        CpuVisionOps.addBias(pool, x, bias, out);
    }

    @Override
    public void geluTanh(Tensor x, Tensor out) {
        CpuVisionOps.geluTanh(pool, x, out);
    }

    @Override
    public void geluErf(Tensor x, Tensor out) {
        CpuVisionOps.geluErf(pool, x, out);
    }

    @Override
    public void layerNorm(Tensor x, Tensor w, Tensor b, float eps, Tensor out) {
        CpuVisionOps.layerNorm(pool, x, w, b, eps, out);
    }

    @Override
    public void bidirectionalAttention(Tensor q, Tensor k, Tensor v, int numHeads, int headDim, float scale,
            Tensor out) {
        CpuAttention.bidirectional(pool, q, k, v, numHeads, headDim, scale, out);
    }
}
