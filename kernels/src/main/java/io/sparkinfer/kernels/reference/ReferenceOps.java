package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.RopeSpec;
import io.sparkinfer.kernels.api.Tensor;

/**
 * The reference ops: plain scalar loops over heap tensors, written for clarity, accumulating in double where
 * that makes the result closer to the exact value. Fast backends extend this class and override what they
 * speed up, so an op they lack still runs (and the backend says which ones it inherits).
 */
public class ReferenceOps implements Ops {

    @Override
    public void matmul(Tensor x, Tensor w, Tensor y) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void embedding(int[] ids, Tensor table, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void sigmoidGate(Tensor x, Tensor gate, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void silu(Tensor x, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void scaleRowsBySigmoid(Tensor x, Tensor s, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void rmsNorm(Tensor x, Tensor w, float eps, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void gatedRmsNorm(Tensor x, Tensor z, Tensor w, float eps, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void l2Norm(Tensor x, int groupSize, float eps, float scale, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void softmax(Tensor x, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void rope(Tensor x, int[] positions, RopeSpec spec) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void attention(Tensor q, Tensor kCache, Tensor vCache, int start, int numHeads, int numKvHeads, int headDim, float scale, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void causalConv1d(Tensor x, Tensor w, Tensor state, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void deltaRuleRecurrent(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int numKeyHeads, int numValueHeads, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void deltaRuleChunked(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int numKeyHeads, int numValueHeads, int chunkSize, Tensor out) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void topKRouting(Tensor logits, int k, int[] experts, float[] weights) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void gatherRows(Tensor src, int[] rows, Tensor dst) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void scatterAddRows(Tensor src, int[] rows, float[] weights, Tensor dst) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }

    @Override
    public void copyColumns(Tensor src, int srcCol, Tensor dst, int dstCol, int width) {
        throw new UnsupportedOperationException("[BUG] reference op not written yet");
    }
}
