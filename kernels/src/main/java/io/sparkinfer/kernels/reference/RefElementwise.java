package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Value-by-value ops on F32 tensors of one shape; the output may be an input (in place). */
final class RefElementwise {

    private RefElementwise() {}

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double silu(double x) {
        return x * sigmoid(x);
    }

    static void add(Tensor a, Tensor b, Tensor out) {
        binary("add", "a", a, "b", b, out, Double::sum);
    }

    static void swiglu(Tensor gate, Tensor up, Tensor out) {
        binary("swiglu", "gate", gate, "up", up, out, (g, u) -> silu(g) * u);
    }

    static void sigmoidGate(Tensor x, Tensor gate, Tensor out) {
        binary("sigmoidGate", "x", x, "gate", gate, out, (v, g) -> v * sigmoid(g));
    }

    static void silu(Tensor xT, Tensor outT) {
        OpCall call = new OpCall("silu", "x", xT, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor out = call.f32("out", outT);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        map(x, out, RefElementwise::silu);
    }

    /** out[r, :] = x[r, :] * sigmoid(s[r]), s [rows, 1]. */
    static void scaleRowsBySigmoid(Tensor xT, Tensor sT, Tensor outT) {
        OpCall call = new OpCall("scaleRowsBySigmoid", "x", xT, "s", sT, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor s = call.f32("s", sT);
        HostTensor out = call.f32("out", outT);
        call.expect("s", s, x.rows(), 1);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "s", s);

        int rowSize = x.rowSize();
        float[] xs = x.f32();
        float[] os = out.f32();
        for (int r = 0; r < x.rows(); r++) {
            double factor = sigmoid(s.f32()[s.offset() + r]);
            for (int c = 0; c < rowSize; c++) {
                int i = r * rowSize + c;
                os[out.offset() + i] = (float) (xs[x.offset() + i] * factor);
            }
        }
    }

    /** out[i] = f(a[i], b[i]); {@code aName}/{@code bName} are the operands' names in the Ops javadoc. */
    private static void binary(String op, String aName, Tensor aT, String bName, Tensor bT, Tensor outT,
            DoubleBinaryOperator f) {
        OpCall call = new OpCall(op, aName, aT, bName, bT, "out", outT);
        HostTensor a = call.f32(aName, aT);
        HostTensor b = call.f32(bName, bT);
        HostTensor out = call.f32("out", outT);
        call.sameShape(bName, b, aName, a);
        call.sameShape("out", out, aName, a);
        call.identicalOrDisjoint("out", out, aName, a);
        call.identicalOrDisjoint("out", out, bName, b);

        float[] as = a.f32();
        float[] bs = b.f32();
        float[] os = out.f32();
        for (int i = 0; i < a.numel(); i++) {
            os[out.offset() + i] = (float) f.applyAsDouble(as[a.offset() + i], bs[b.offset() + i]);
        }
    }

    private static void map(HostTensor x, HostTensor out, DoubleUnaryOperator f) {
        float[] xs = x.f32();
        float[] os = out.f32();
        for (int i = 0; i < x.numel(); i++) {
            os[out.offset() + i] = (float) f.applyAsDouble(xs[x.offset() + i]);
        }
    }
}
