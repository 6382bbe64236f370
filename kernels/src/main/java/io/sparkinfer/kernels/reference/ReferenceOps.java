package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.RopeSpec;
import io.sparkinfer.kernels.api.Tensor;

/**
 * The reference ops: plain scalar loops over heap tensors, written for clarity, accumulating in double where
 * that makes the result closer to the exact value. Each op checks its arguments and names the op and every
 * operand's shape when they do not fit. Fast backends extend this class and override what they speed up, so
 * an op they lack still runs (and the backend says which ones it inherits).
 *
 * <p>Every tensor is read as the matrix [rows(), rowSize()]; the families of ops live in small package
 * classes (RefLinear, RefElementwise, RefNorms, RefRope, RefAttention, RefConv, RefDeltaRule,
 * RefDeltaRuleChunked, RefMoe, RefRows).
 */
public class ReferenceOps implements Ops {

    @Override
    public void matmul(Tensor x, Tensor w, Tensor y) {
        RefLinear.matmul(x, w, y);
    }

    @Override
    public void embedding(int[] ids, Tensor table, Tensor out) {
        RefLinear.embedding(ids, table, out);
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        RefElementwise.add(a, b, out);
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor out) {
        RefElementwise.swiglu(gate, up, out);
    }

    @Override
    public void sigmoidGate(Tensor x, Tensor gate, Tensor out) {
        RefElementwise.sigmoidGate(x, gate, out);
    }

    @Override
    public void silu(Tensor x, Tensor out) {
        RefElementwise.silu(x, out);
    }

    @Override
    public void scaleRowsBySigmoid(Tensor x, Tensor s, Tensor out) {
        RefElementwise.scaleRowsBySigmoid(x, s, out);
    }

    @Override
    public void rmsNorm(Tensor x, Tensor w, float eps, Tensor out) {
        RefNorms.rmsNorm(x, w, eps, out);
    }

    @Override
    public void gatedRmsNorm(Tensor x, Tensor z, Tensor w, float eps, Tensor out) {
        RefNorms.gatedRmsNorm(x, z, w, eps, out);
    }

    @Override
    public void l2Norm(Tensor x, int groupSize, float eps, float scale, Tensor out) {
        RefNorms.l2Norm(x, groupSize, eps, scale, out);
    }

    @Override
    public void softmax(Tensor x, Tensor out) {
        RefNorms.softmax(x, out);
    }

    @Override
    public void rope(Tensor x, int[] positions, RopeSpec spec) {
        RefRope.rope(x, positions, spec);
    }

    @Override
    public void attention(Tensor q, Tensor kCache, Tensor vCache, int start, int numHeads, int numKvHeads,
            int headDim, float scale, Tensor out) {
        RefAttention.attention(q, kCache, vCache, start, numHeads, numKvHeads, headDim, scale, out);
    }

    @Override
    public void causalConv1d(Tensor x, Tensor w, Tensor state, Tensor out) {
        RefConv.causalConv1d(x, w, state, out);
    }

    @Override
    public void deltaRuleRecurrent(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state,
            int numKeyHeads, int numValueHeads, Tensor out) {
        RefDeltaRule.recurrent(q, k, v, g, beta, state, numKeyHeads, numValueHeads, out);
    }

    @Override
    public void deltaRuleChunked(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state,
            int numKeyHeads, int numValueHeads, int chunkSize, Tensor out) {
        RefDeltaRuleChunked.chunked(q, k, v, g, beta, state, numKeyHeads, numValueHeads, chunkSize, out);
    }

    @Override
    public void addBias(Tensor x, Tensor bias, Tensor out) {
        RefElementwise.addBias(x, bias, out);
    }

    @Override
    public void geluTanh(Tensor x, Tensor out) {
        RefElementwise.geluTanh(x, out);
    }

    @Override
    public void geluErf(Tensor x, Tensor out) {
        RefElementwise.geluErf(x, out);
    }

    @Override
    public void layerNorm(Tensor x, Tensor w, Tensor b, float eps, Tensor out) {
        RefNorms.layerNorm(x, w, b, eps, out);
    }

    @Override
    public void rope2d(Tensor x, int[] positions, int headDim, double theta) {
        RefRope.rope2d(x, positions, headDim, theta);
    }

    @Override
    public void bidirectionalAttention(Tensor q, Tensor k, Tensor v, int numHeads, int headDim, float scale,
            Tensor out) {
        RefAttention.bidirectional(q, k, v, numHeads, headDim, scale, out);
    }

    @Override
    public void topKRouting(Tensor logits, int k, int[] experts, float[] weights) {
        RefMoe.topKRouting(logits, k, experts, weights);
    }

    @Override
    public void gatherRows(Tensor src, int[] rows, Tensor dst) {
        RefRows.gatherRows(src, rows, dst);
    }

    @Override
    public void scatterAddRows(Tensor src, int[] rows, float[] weights, Tensor dst) {
        RefRows.scatterAddRows(src, rows, weights, dst);
    }

    @Override
    public void scatterRows(Tensor src, int[] rows, Tensor dst) {
        RefRows.scatterRows(src, rows, dst);
    }

    @Override
    public void copyColumns(Tensor src, int srcCol, Tensor dst, int dstCol, int width) {
        RefRows.copyColumns(src, srcCol, dst, dstCol, width);
    }
}
