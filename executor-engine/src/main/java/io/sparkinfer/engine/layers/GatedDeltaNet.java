package io.sparkinfer.engine.layers;

import io.sparkinfer.engine.cache.DeltaNetState;
import io.sparkinfer.engine.config.TextConfig;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;

/**
 * Gated DeltaNet linear attention (spec section 2.3): in_proj_qkv, causal depthwise conv with carried state
 * and SiLU, l2-normalised q (scaled by dk^-½) and k, the gated delta rule with a carried [nv, dk, dv] state
 * (chunked for multi-token calls unless its {@link DeltaRuleForm} says recurrent; recurrent for one token),
 * the gated RMSNorm with silu(z), then out_proj.
 */
public final class GatedDeltaNet implements TokenMixer {
    /** l2norm epsilon, added to the sum of squares (not the mean). */
    static final float L2_EPS = 1e-6f;

    private final int layer;
    private final TextConfig config;
    private final int keyHeads;
    private final int valueHeads;
    private final int keyHeadDim;
    private final int keyDim;
    private final int valueDim;
    private final float normEps;
    private final Tensor inQkv;   // [convDim, H]
    private final Tensor inZ;     // [valueDim, H]
    private final Tensor inB;     // [nv, H]
    private final Tensor inA;     // [nv, H]
    private final Tensor conv;    // [convDim, K]
    private final Tensor norm;    // [dv], plain scale (not 1 + w)
    private final Tensor outProj; // [H, valueDim]
    private final DeltaNetGates gates;
    private final DeltaRuleForm form;

    private GatedDeltaNet(int layer, TextConfig t, Tensor inQkv, Tensor inZ, Tensor inB, Tensor inA, Tensor conv,
            Tensor norm, Tensor outProj, DeltaNetGates gates, DeltaRuleForm form) {
        this.layer = layer;
        this.config = t;
        this.keyHeads = t.linearNumKeyHeads();
        this.valueHeads = t.linearNumValueHeads();
        this.keyHeadDim = t.linearKeyHeadDim();
        this.keyDim = t.linearKeyDim();
        this.valueDim = t.linearValueDim();
        this.normEps = (float) t.rmsNormEps();
        this.inQkv = inQkv;
        this.inZ = inZ;
        this.inB = inB;
        this.inA = inA;
        this.conv = conv;
        this.norm = norm;
        this.outProj = outProj;
        this.gates = gates;
        this.form = form;
    }

    /** Loads {@code prefix = "...layers.i.linear_attn."} of decoder layer {@code layer}. */
    public static GatedDeltaNet load(WeightUploader weights, String prefix, int layer, TextConfig t) {
        weights.requireShape(prefix + "conv1d.weight", t.linearConvDim(), 1, t.linearConvKernelDim());
        return new GatedDeltaNet(layer, t, weights.matrix(prefix + "in_proj_qkv.weight"),
                weights.matrix(prefix + "in_proj_z.weight"), weights.matrix(prefix + "in_proj_b.weight"),
                weights.matrix(prefix + "in_proj_a.weight"), weights.matrix(prefix + "conv1d.weight"),
                weights.vector(prefix + "norm.weight"), weights.matrix(prefix + "out_proj.weight"),
                new DeltaNetGates(weights.floats(prefix + "A_log"), weights.floats(prefix + "dt_bias")),
                DeltaRuleForm.DEFAULT);
    }

    /** This layer with the same weights (shared, not copied) running the delta rule in {@code newForm}. */
    public GatedDeltaNet withForm(DeltaRuleForm newForm) {
        return new GatedDeltaNet(layer, config, inQkv, inZ, inB, inA, conv, norm, outProj, gates, newForm);
    }

    public DeltaRuleForm form() {
        return form;
    }

    @Override
    public Tensor forward(Backend backend, Tensor x, PackedBatch batch, String name, ActivationTap tap) {
        Ops ops = backend.ops();
        int n = x.rows();
        int convDim = inQkv.shape()[0];
        try (Tensor mixed = backend.allocate(DType.F32, n, convDim);
                Tensor convOut = backend.allocate(DType.F32, n, convDim);
                Tensor q = backend.allocate(DType.F32, n, keyDim);
                Tensor k = backend.allocate(DType.F32, n, keyDim);
                Tensor v = backend.allocate(DType.F32, n, valueDim);
                Tensor z = backend.allocate(DType.F32, n, valueDim);
                Tensor g = decay(backend, x);
                Tensor beta = beta(backend, x);
                Tensor core = backend.allocate(DType.F32, n, valueDim)) {
            ops.matmul(x, inQkv, mixed);
            ops.matmul(x, inZ, z);
            for (PackedBatch.Segment s : batch.segments()) {
                ops.causalConv1d(mixed.rows(s.offset(), s.count()), conv, s.cache().deltaNet(layer).conv(),
                        convOut.rows(s.offset(), s.count()));
            }
            tap.accept(name + ".conv_out", convOut);
            ops.copyColumns(convOut, 0, q, 0, keyDim);
            ops.copyColumns(convOut, keyDim, k, 0, keyDim);
            ops.copyColumns(convOut, 2 * keyDim, v, 0, valueDim);
            ops.l2Norm(q, keyHeadDim, L2_EPS, (float) (1.0 / Math.sqrt(keyHeadDim)), q);
            ops.l2Norm(k, keyHeadDim, L2_EPS, 1f, k);
            for (PackedBatch.Segment s : batch.segments()) {
                deltaRule(ops, s, q, k, v, g, beta, core);
            }
            tap.accept(name + ".core", core);
            ops.gatedRmsNorm(core, z, norm, normEps, core);
            Tensor out = backend.allocate(DType.F32, n, outProj.shape()[0]);
            ops.matmul(core, outProj, out);
            return out;
        }
    }

    /** One sequence's rows through the delta rule, continuing from (and updating) its recurrent state. */
    private void deltaRule(Ops ops, PackedBatch.Segment s, Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta,
            Tensor core) {
        int at = s.offset();
        int count = s.count();
        DeltaNetState state = s.cache().deltaNet(layer);
        if (count == 1 || form.tokenByToken()) {
            ops.deltaRuleRecurrent(q.rows(at, count), k.rows(at, count), v.rows(at, count), g.rows(at, count),
                    beta.rows(at, count), state.recurrent(), keyHeads, valueHeads, core.rows(at, count));
        } else {
            ops.deltaRuleChunked(q.rows(at, count), k.rows(at, count), v.rows(at, count), g.rows(at, count),
                    beta.rows(at, count), state.recurrent(), keyHeads, valueHeads, form.chunkSize(),
                    core.rows(at, count));
        }
    }

    /** g [N, nv]: the projection a on the backend, the tiny gate formula on the host. */
    private Tensor decay(Backend backend, Tensor x) {
        float[] a = project(backend, x, inA);
        return backend.fromFloats(gates.decay(a), DType.F32, x.rows(), valueHeads);
    }

    /** beta [N, nv] = σ(x · in_proj_bᵀ). */
    private Tensor beta(Backend backend, Tensor x) {
        float[] b = project(backend, x, inB);
        return backend.fromFloats(DeltaNetGates.beta(b), DType.F32, x.rows(), valueHeads);
    }

    private float[] project(Backend backend, Tensor x, Tensor w) {
        try (Tensor y = backend.allocate(DType.F32, x.rows(), valueHeads)) {
            backend.ops().matmul(x, w, y);
            return backend.toFloats(y);
        }
    }
}
