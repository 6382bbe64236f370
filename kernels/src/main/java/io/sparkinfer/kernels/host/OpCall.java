package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;

/**
 * The argument checks of one op call on heap tensors, shared by the reference and cpu backends (the per-op
 * checks built on it are the *Checks classes here). Every failure is an {@link IllegalArgumentException} that
 * names the op, says what is wrong, and lists every operand with its shape and dtype, so a caller sees the
 * whole call.
 */
public final class OpCall {
    private final String op;
    private final Object[] namesAndValues;

    /** {@code namesAndValues} alternates an operand's name and its value (a tensor, an array or a number). */
    public OpCall(String op, Object... namesAndValues) {
        this.op = op;
        this.namesAndValues = namesAndValues;
    }

    public IllegalArgumentException fail(String why) {
        return new IllegalArgumentException(op + ": " + why + "; the call was " + describe());
    }

    public void require(boolean ok, String why) {
        if (!ok) {
            throw fail(why);
        }
    }

    /** A heap tensor of any dtype (a weight). */
    public HostTensor host(String name, Tensor t) {
        if (t == null) {
            throw fail(name + " is null");
        }
        if (!(t instanceof HostTensor h)) {
            throw fail(name + " (" + t + ") belongs to another backend; hand the reference and cpu ops heap"
                    + " tensors");
        }
        return h;
    }

    /** A heap tensor that must be F32 (an activation, a cache, a state, an output). */
    public HostTensor f32(String name, Tensor t) {
        HostTensor h = host(name, t);
        if (h.dtype() != DType.F32) {
            throw fail(name + " must be F32 (activations, caches and states are), got " + h.dtype());
        }
        return h;
    }

    public <T> T notNull(String name, T value) {
        if (value == null) {
            throw fail(name + " is null");
        }
        return value;
    }

    /** {@code t} read as a matrix must have {@code rows} rows of {@code rowSize} values. */
    public void expect(String name, HostTensor t, int rows, int rowSize) {
        if (t.rows() != rows || t.rowSize() != rowSize) {
            throw fail(name + " must hold " + rows + " rows of " + rowSize + " values, got shape "
                    + Arrays.toString(t.shape()));
        }
    }

    public void expectRowSize(String name, HostTensor t, int rowSize) {
        if (t.rowSize() != rowSize) {
            throw fail(name + " must have rows of " + rowSize + " values, got shape " + Arrays.toString(t.shape()));
        }
    }

    public void sameShape(String name, HostTensor t, String refName, HostTensor ref) {
        if (!Arrays.equals(t.shape(), ref.shape())) {
            throw fail(name + " must have the shape of " + refName + " " + Arrays.toString(ref.shape()) + ", got "
                    + Arrays.toString(t.shape()));
        }
    }

    /** An output that may not share any value with an input. */
    public void disjoint(String outName, HostTensor out, String inName, HostTensor in) {
        if (overlap(out, in)) {
            throw fail(outName + " shares data with " + inName + "; give it its own tensor");
        }
    }

    /** An output that may be exactly an input (in place) but not overlap it partly. */
    public void identicalOrDisjoint(String outName, HostTensor out, String inName, HostTensor in) {
        boolean identical = out.dtype() == in.dtype() && out.dtype() == DType.F32 && out.f32() == in.f32()
                && out.offset() == in.offset() && out.numel() == in.numel();
        if (!identical && overlap(out, in)) {
            throw fail(outName + " overlaps " + inName + " without being the same values; pass the same view for"
                    + " an in-place op or a separate tensor");
        }
    }

    private static boolean overlap(HostTensor a, HostTensor b) {
        if (a.dtype() != DType.F32 || b.dtype() != DType.F32 || a.f32() != b.f32()) {
            return false; // only F32 tensors are written, and a 16-bit tensor never shares an F32 array
        }
        long aEnd = a.offset() + a.numel();
        long bEnd = b.offset() + b.numel();
        return a.numel() > 0 && b.numel() > 0 && a.offset() < bEnd && b.offset() < aEnd;
    }

    private String describe() {
        StringBuilder s = new StringBuilder(op).append('(');
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(namesAndValues[i]).append(' ').append(render(namesAndValues[i + 1]));
        }
        return s.append(')').toString();
    }

    private static String render(Object value) {
        if (value instanceof Tensor t) {
            return Arrays.toString(t.shape()) + " " + t.dtype();
        }
        if (value instanceof int[] a) {
            return "int[" + a.length + "]";
        }
        if (value instanceof float[] a) {
            return "float[" + a.length + "]";
        }
        return String.valueOf(value);
    }
}
