package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.Tensor;

/** The argument checks of the normalisations over groups of values; out may be x itself. */
public final class NormChecks {

    private NormChecks() {}

    /** x, out of one shape, normalised per group of {@code group} consecutive values (w's numel for rmsNorm). */
    public record RmsNorm(HostTensor x, HostTensor w, HostTensor out, int group) {}

    /** As {@link RmsNorm}, with the gate z of x's shape. */
    public record GatedRmsNorm(HostTensor x, HostTensor z, HostTensor w, HostTensor out, int group) {}

    /** x and out holding the same number of values, normalised per group of w's numel values, b of w's size. */
    public record LayerNorm(HostTensor x, HostTensor w, HostTensor b, HostTensor out, int group) {}

    public static LayerNorm layerNorm(Tensor xT, Tensor wT, Tensor bT, float eps, Tensor outT) {
        OpCall call = new OpCall("layerNorm", "x", xT, "w", wT, "b", bT, "eps", eps, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor w = call.host("w", wT);
        HostTensor b = call.host("b", bT);
        HostTensor out = call.f32("out", outT);
        int group = groupOf(call, x, w);
        checkEps(call, eps);
        call.require(b.numel() == group, "b must hold the " + group + " values of w, got " + b.numel());
        call.require(out.numel() == x.numel() && out.rowSize() % group == 0, "out must hold x's " + x.numel()
                + " values in rows that are whole groups of " + group + ", got shape "
                + java.util.Arrays.toString(out.shape()));
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "w", w);
        call.disjoint("out", out, "b", b);
        return new LayerNorm(x, w, b, out, group);
    }

    public static RmsNorm rmsNorm(Tensor xT, Tensor wT, float eps, Tensor outT) {
        OpCall call = new OpCall("rmsNorm", "x", xT, "w", wT, "eps", eps, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor w = call.host("w", wT);
        HostTensor out = call.f32("out", outT);
        int group = groupOf(call, x, w);
        checkEps(call, eps);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "w", w);
        return new RmsNorm(x, w, out, group);
    }

    public static GatedRmsNorm gatedRmsNorm(Tensor xT, Tensor zT, Tensor wT, float eps, Tensor outT) {
        OpCall call = new OpCall("gatedRmsNorm", "x", xT, "z", zT, "w", wT, "eps", eps, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor z = call.f32("z", zT);
        HostTensor w = call.host("w", wT);
        HostTensor out = call.f32("out", outT);
        int group = groupOf(call, x, w);
        checkEps(call, eps);
        call.sameShape("z", z, "x", x);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "z", z);
        call.disjoint("out", out, "w", w);
        return new GatedRmsNorm(x, z, w, out, group);
    }

    public static ElementwiseChecks.Unary l2Norm(Tensor xT, int groupSize, float eps, float scale, Tensor outT) {
        OpCall call = new OpCall("l2Norm", "x", xT, "groupSize", groupSize, "eps", eps, "scale", scale,
                "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor out = call.f32("out", outT);
        call.require(groupSize > 0 && x.rowSize() % groupSize == 0,
                "groupSize must be positive and divide the row size " + x.rowSize());
        checkEps(call, eps);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        return new ElementwiseChecks.Unary(x, out);
    }

    /** The group size (w.numel()); it must divide x's row size so that groups never straddle rows. */
    private static int groupOf(OpCall call, HostTensor x, HostTensor w) {
        long group = w.numel();
        call.require(group > 0 && x.rowSize() % group == 0,
                "w's " + group + " values (the group size) must divide x's row size " + x.rowSize());
        return (int) group;
    }

    private static void checkEps(OpCall call, float eps) {
        call.require(eps >= 0 && Float.isFinite(eps), "eps must be finite and non-negative, got " + eps);
    }
}
