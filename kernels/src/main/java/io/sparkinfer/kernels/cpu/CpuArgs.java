package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.Arrays;

/**
 * Argument checks of one CPU op call, made before any thread starts. A failure is an
 * {@link IllegalArgumentException} naming the op, what is wrong, and every operand with its shape.
 */
final class CpuArgs {
    private final String op;
    private final Object[] namesAndValues;

    /** {@code namesAndValues} alternates an operand's name and its value (a tensor, an array or a number). */
    CpuArgs(String op, Object... namesAndValues) {
        this.op = op;
        this.namesAndValues = namesAndValues;
    }

    IllegalArgumentException fail(String why) {
        StringBuilder call = new StringBuilder(op).append('(');
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            call.append(i == 0 ? "" : ", ").append(namesAndValues[i]).append(' ').append(render(namesAndValues[i + 1]));
        }
        return new IllegalArgumentException(op + ": " + why + "; the call was " + call.append(')'));
    }

    void require(boolean ok, String why) {
        if (!ok) {
            throw fail(why);
        }
    }

    /** A heap tensor of any dtype (a weight). */
    HostTensor host(String name, Tensor t) {
        if (t == null) {
            throw fail(name + " is null");
        }
        if (!(t instanceof HostTensor h)) {
            throw fail(name + " (" + t + ") belongs to another backend; hand the cpu ops heap tensors");
        }
        return h;
    }

    /** A heap tensor that must be F32 (an activation, a cache, a state, an output). */
    HostTensor f32(String name, Tensor t) {
        HostTensor h = host(name, t);
        require(h.dtype() == DType.F32, name + " must be F32 (activations, caches and states are), got " + h.dtype());
        return h;
    }

    void expect(String name, HostTensor t, int rows, int rowSize) {
        require(t.rows() == rows && t.rowSize() == rowSize, name + " must hold " + rows + " rows of " + rowSize
                + " values, got shape " + Arrays.toString(t.shape()));
    }

    void sameShape(String name, HostTensor t, String refName, HostTensor ref) {
        require(Arrays.equals(t.shape(), ref.shape()), name + " must have the shape of " + refName + " "
                + Arrays.toString(ref.shape()) + ", got " + Arrays.toString(t.shape()));
    }

    /** An output that may not share any value with an input. */
    void disjoint(String outName, HostTensor out, String inName, HostTensor in) {
        require(!overlap(out, in), outName + " shares data with " + inName + "; give it its own tensor");
    }

    /** An output that may be exactly an input (in place) but not overlap it partly. */
    void identicalOrDisjoint(String outName, HostTensor out, String inName, HostTensor in) {
        boolean identical = out.dtype() == DType.F32 && in.dtype() == DType.F32 && out.f32() == in.f32()
                && out.offset() == in.offset() && out.numel() == in.numel();
        require(identical || !overlap(out, in), outName + " overlaps " + inName + " without being the same values;"
                + " pass the same view for an in-place op or a separate tensor");
    }

    private static boolean overlap(HostTensor a, HostTensor b) {
        if (a.dtype() != DType.F32 || b.dtype() != DType.F32 || a.f32() != b.f32()) {
            return false; // only F32 tensors are written, and a 16-bit tensor never shares an F32 array
        }
        return a.numel() > 0 && b.numel() > 0 && a.offset() < b.offset() + b.numel()
                && b.offset() < a.offset() + a.numel();
    }

    private static String render(Object value) {
        if (value instanceof Tensor t) {
            return Arrays.toString(t.shape()) + " " + t.dtype();
        }
        if (value instanceof int[] a) {
            return "int[" + a.length + "]";
        }
        return String.valueOf(value);
    }
}
