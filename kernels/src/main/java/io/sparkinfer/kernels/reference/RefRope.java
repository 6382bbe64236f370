package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.RopeSpec;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.OpCall;
import io.sparkinfer.kernels.host.HostTensor;

/**
 * Partial rotary embedding with interleaved multimodal sections, rotate-half (NeoX) pairs: dimension f pairs
 * with f + rotaryDim/2 and turns by angle {@code pos[axisOf(f)] * theta^(-2f/rotaryDim)}. Angles, cos and sin
 * are computed in double: positions reach 10^5 and more, where an f32 angle is off by 10^-2 radians.
 */
final class RefRope {

    private RefRope() {}

    /** Rotates x [n, heads * headDim] in place; positions holds the n t positions, then the n h, then the n w. */
    static void rope(Tensor xT, int[] positions, RopeSpec spec) {
        OpCall call = new OpCall("rope", "x", xT, "positions", positions, "spec", spec);
        HostTensor x = call.f32("x", xT);
        call.notNull("positions", positions);
        call.notNull("spec", spec);
        int n = x.rows();
        int rowSize = x.rowSize();
        int headDim = spec.headDim();
        call.require(rowSize % headDim == 0, "x's row size " + rowSize + " must be a whole number of heads of "
                + headDim + " values");
        call.require(positions.length == 3 * n, "positions must hold 3 * " + n + " values (t, then h, then w"
                + " per row), got " + positions.length);
        call.require(spec.theta() > 0, "rope theta must be positive, got " + spec.theta());

        int half = spec.rotaryDim() / 2;
        int heads = rowSize / headDim;
        float[] xs = x.f32();
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < half; f++) {
                double angle = positions[spec.axisOf(f) * n + r] * inverseFrequency(spec, f);
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                for (int h = 0; h < heads; h++) {
                    int first = x.offset() + r * rowSize + h * headDim + f;
                    int second = first + half;
                    double x1 = xs[first];
                    double x2 = xs[second];
                    xs[first] = (float) (x1 * cos - x2 * sin);
                    xs[second] = (float) (x2 * cos + x1 * sin);
                }
            }
        }
    }

    /**
     * The vision 2-D rotary, in place on x [n, heads * headDim]: slot f < headDim/4 turns by row * inv[f], slot
     * headDim/4 + f by col * inv[f], with inv[f] = theta^(-f / (headDim/4)); pairs (f, f + headDim/2).
     */
    static void rope2d(Tensor xT, int[] positions, int headDim, double theta) {
        OpCall call = new OpCall("rope2d", "x", xT, "positions", positions, "headDim", headDim, "theta", theta);
        HostTensor x = call.f32("x", xT);
        call.notNull("positions", positions);
        int n = x.rows();
        int rowSize = x.rowSize();
        call.require(headDim > 0 && headDim % 4 == 0, "headDim must be a positive multiple of 4, got " + headDim);
        call.require(rowSize % headDim == 0, "x's row size " + rowSize + " must be a whole number of heads of "
                + headDim + " values");
        call.require(positions.length == 2 * n, "positions must hold 2 * " + n + " values (rows, then columns),"
                + " got " + positions.length);
        call.require(theta > 0, "theta must be positive, got " + theta);

        int half = headDim / 2;
        int quarter = headDim / 4;
        int heads = rowSize / headDim;
        float[] xs = x.f32();
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < half; f++) {
                int axis = f < quarter ? 0 : 1;
                double angle = positions[axis * n + r] * Math.pow(theta, -(double) (f % quarter) / quarter);
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                for (int h = 0; h < heads; h++) {
                    int first = x.offset() + r * rowSize + h * headDim + f;
                    int second = first + half;
                    double x1 = xs[first];
                    double x2 = xs[second];
                    xs[first] = (float) (x1 * cos - x2 * sin);
                    xs[second] = (float) (x2 * cos + x1 * sin);
                }
            }
        }
    }

    /** theta^(-2f / rotaryDim). */
    static double inverseFrequency(RopeSpec spec, int f) {
        return Math.pow(spec.theta(), -2.0 * f / spec.rotaryDim());
    }
}
