package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.ElementwiseChecks;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Value-by-value ops on F32 tensors of one shape; the output may be an input (in place). */
final class RefElementwise {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private RefElementwise() {}

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double silu(double x) {
        return x * sigmoid(x);
    }

    /** PyTorch's {@code gelu(approximate="tanh")}. */
    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }

    /** The exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    static double geluErf(double x) {
        return 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    static void geluTanh(Tensor xT, Tensor outT) {
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("geluTanh", xT, outT);
        map(args.x(), args.out(), RefElementwise::geluTanh);
    }

    static void geluErf(Tensor xT, Tensor outT) {
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("geluErf", xT, outT);
        map(args.x(), args.out(), RefElementwise::geluErf);
    }

    /** out[r, :] = x[r, :] + bias. */
    static void addBias(Tensor xT, Tensor biasT, Tensor outT) {
        ElementwiseChecks.AddBias args = ElementwiseChecks.addBias(xT, biasT, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();
        int rowSize = x.rowSize();
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < rowSize; c++) {
                int i = r * rowSize + c;
                out.f32()[out.offset() + i] = (float) ((double) x.f32()[x.offset() + i] + args.bias().get(c));
            }
        }
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
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("silu", xT, outT);
        map(args.x(), args.out(), RefElementwise::silu);
    }

    /** out[r, :] = x[r, :] * sigmoid(s[r]), s [rows, 1]. */
    static void scaleRowsBySigmoid(Tensor xT, Tensor sT, Tensor outT) {
        ElementwiseChecks.ScaleRows args = ElementwiseChecks.scaleRowsBySigmoid(xT, sT, outT);
        HostTensor x = args.x();
        HostTensor s = args.s();
        HostTensor out = args.out();

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
        ElementwiseChecks.Binary args = ElementwiseChecks.binary(op, aName, aT, bName, bT, outT);
        HostTensor a = args.a();
        HostTensor b = args.b();
        HostTensor out = args.out();

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
