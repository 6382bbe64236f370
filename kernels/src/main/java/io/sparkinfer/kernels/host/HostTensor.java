package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;

/**
 * A tensor on the Java heap, shared by the reference and CPU backends: F32 values in a {@code float[]}, BF16
 * and F16 values as their 16 bits in a {@code short[]}. A row view shares the array with an offset. Ops read
 * {@link #f32()} / {@link #bits16()} directly from {@link #offset()}; everything else goes through
 * {@link #get(long)}.
 */
public final class HostTensor implements Tensor {
    private final DType dtype;
    private final int[] shape;
    private final float[] f32;
    private final short[] bits16;
    private final int offset;
    /** Set on whole tensors uploaded as weights: never written again, so a backend may cache a layout of it. */
    private volatile boolean constant;
    /** A backend's derived form of a constant tensor (the CPU backend's packed GEMM panels). */
    private volatile Object derived;

    private HostTensor(DType dtype, int[] shape, float[] f32, short[] bits16, int offset) {
        this.dtype = dtype;
        this.shape = shape;
        this.f32 = f32;
        this.bits16 = bits16;
        this.offset = offset;
    }

    /** A zero-filled tensor. */
    static HostTensor allocate(DType dtype, int... shape) {
        long n = count(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a heap tensor holds at most " + (Integer.MAX_VALUE - 8)
                    + " values; shape " + Arrays.toString(shape) + " has " + n);
        }
        int size = (int) n;
        return dtype == DType.F32 ? new HostTensor(dtype, shape.clone(), new float[size], null, 0)
                : new HostTensor(dtype, shape.clone(), null, new short[size], 0);
    }

    /** Casts a tensor handed to a heap backend; a tensor of another backend is a clear error. */
    public static HostTensor of(Tensor t) {
        if (t instanceof HostTensor h) {
            return h;
        }
        throw new IllegalArgumentException("tensor " + t + " belongs to another backend than this heap backend");
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    @Override
    public int rowSize() {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    @Override
    public long numel() {
        return count(shape);
    }

    @Override
    public HostTensor rows(int from, int count) {
        if (shape.length == 0 || from < 0 || count < 0 || from + count > shape[0]) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + count) + ") of a tensor with shape "
                    + Arrays.toString(shape));
        }
        int[] viewShape = shape.clone();
        viewShape[0] = count;
        return new HostTensor(dtype, viewShape, f32, bits16, offset + from * rowSize());
    }

    /** The backing array of an F32 tensor (values start at {@link #offset()}). */
    public float[] f32() {
        if (f32 == null) {
            throw new IllegalStateException("[BUG] f32() on a " + dtype + " tensor");
        }
        return f32;
    }

    /** The backing array of a BF16 or F16 tensor, as raw 16-bit patterns (values start at {@link #offset()}). */
    public short[] bits16() {
        if (bits16 == null) {
            throw new IllegalStateException("[BUG] bits16() on an F32 tensor");
        }
        return bits16;
    }

    /** Index of this tensor's first value in its backing array. */
    public int offset() {
        return offset;
    }

    /** Value {@code i} (row-major, from this view's start) widened to f32. */
    public float get(long i) {
        int at = offset + (int) i;
        return switch (dtype) {
            case F32 -> f32[at];
            case BF16 -> Bf16.toFloat(bits16[at]);
            case F16 -> Fp16.toFloat(bits16[at]);
        };
    }

    /** Sets value {@code i}, rounding to the storage dtype. */
    public void set(long i, float value) {
        int at = offset + (int) i;
        switch (dtype) {
            case F32 -> f32[at] = value;
            case BF16 -> bits16[at] = Bf16.fromFloat(value);
            case F16 -> bits16[at] = Fp16.fromFloat(value);
        }
    }

    /**
     * Marks this whole tensor as a weight that nothing writes after upload, so {@link #derived()} may hold a
     * faster layout of its values. Views ({@link #rows}) are never constant.
     */
    void markConstant() {
        constant = true;
    }

    public boolean isConstant() {
        return constant;
    }

    /** The derived form a backend cached on this constant tensor, or null. */
    public Object derived() {
        return derived;
    }

    /** Caches a derived form of this constant tensor (a [BUG] on a tensor that may still change). */
    public void setDerived(Object value) {
        if (!constant) {
            throw new IllegalStateException("[BUG] a derived layout cached on a tensor that is not constant: " + this);
        }
        derived = value;
    }

    /** Heap memory is the garbage collector's: nothing to free. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape) + " " + dtype;
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }
}
