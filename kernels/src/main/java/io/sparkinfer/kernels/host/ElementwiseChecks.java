package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.Tensor;

/** The argument checks of the value-by-value ops on F32 tensors of one shape; out may be an input. */
public final class ElementwiseChecks {

    private ElementwiseChecks() {}

    /** Two inputs a, b and out, all of a's shape. */
    public record Binary(HostTensor a, HostTensor b, HostTensor out) {}

    /** x and out of one shape (silu, softmax, l2Norm). */
    public record Unary(HostTensor x, HostTensor out) {}

    /** x [rows, n], s [rows, 1], out of x's shape. */
    public record ScaleRows(HostTensor x, HostTensor s, HostTensor out) {}

    /** x and out [rows, n], bias of n values in any dtype. */
    public record AddBias(HostTensor x, HostTensor bias, HostTensor out) {}

    public static AddBias addBias(Tensor xT, Tensor biasT, Tensor outT) {
        OpCall call = new OpCall("addBias", "x", xT, "bias", biasT, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor bias = call.host("bias", biasT);
        HostTensor out = call.f32("out", outT);
        call.require(bias.numel() == x.rowSize(), "bias must hold one value per column of x (" + x.rowSize()
                + "), got " + bias.numel());
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "bias", bias);
        return new AddBias(x, bias, out);
    }

    /** {@code aName}/{@code bName} are the operands' names in the Ops javadoc (a/b, gate/up, x/gate). */
    public static Binary binary(String op, String aName, Tensor aT, String bName, Tensor bT, Tensor outT) {
        OpCall call = new OpCall(op, aName, aT, bName, bT, "out", outT);
        HostTensor a = call.f32(aName, aT);
        HostTensor b = call.f32(bName, bT);
        HostTensor out = call.f32("out", outT);
        call.sameShape(bName, b, aName, a);
        call.sameShape("out", out, aName, a);
        call.identicalOrDisjoint("out", out, aName, a);
        call.identicalOrDisjoint("out", out, bName, b);
        return new Binary(a, b, out);
    }

    /** A one-input op (silu, softmax) whose output may be its input. */
    public static Unary unary(String op, Tensor xT, Tensor outT) {
        OpCall call = new OpCall(op, "x", xT, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor out = call.f32("out", outT);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        return new Unary(x, out);
    }

    public static ScaleRows scaleRowsBySigmoid(Tensor xT, Tensor sT, Tensor outT) {
        OpCall call = new OpCall("scaleRowsBySigmoid", "x", xT, "s", sT, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor s = call.f32("s", sT);
        HostTensor out = call.f32("out", outT);
        call.expect("s", s, x.rows(), 1);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "s", s);
        return new ScaleRows(x, s, out);
    }
}
