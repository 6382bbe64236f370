package io.sparkinfer.engine.weights;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor's header entry: name, dtype, shape and where its bytes lie in the file.
 *
 * @param name the tensor name, e.g. {@code model.language_model.embed_tokens.weight}
 * @param dtype the element type
 * @param shape dimensions, row-major; empty for a scalar. Copied in and out, so the record stays immutable.
 * @param dataBegin absolute byte offset of the first byte in {@code file} (header included)
 * @param dataEnd absolute byte offset one past the last byte
 * @param file the safetensors file holding the bytes
 */
public record TensorInfo(String name, DType dtype, long[] shape, long dataBegin, long dataEnd, Path file) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(file, "file");
        shape = shape.clone();
        long expectedBytes = Math.multiplyExact(elementCount(shape, name), dtype.byteSize());
        if (dataBegin < 0 || dataEnd - dataBegin != expectedBytes) {
            throw new IllegalArgumentException("[BUG] tensor '" + name + "' " + dtype + Arrays.toString(shape)
                    + " needs " + expectedBytes + " bytes but was given offsets [" + dataBegin + ", " + dataEnd + ")");
        }
    }

    /** A copy of the dimensions. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** Product of the dimensions (1 for a scalar). */
    public long numElements() {
        return elementCount(shape, name);
    }

    /** Bytes of tensor data: {@code numElements() * dtype.byteSize()}. */
    public long byteSize() {
        return dataEnd - dataBegin;
    }

    /** The shape as {@code [4, 64]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && dataBegin == t.dataBegin && dataEnd == t.dataEnd && file.equals(t.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataBegin, dataEnd, file);
    }

    @Override
    public String toString() {
        return name + " " + dtype + shapeString() + " @[" + dataBegin + ", " + dataEnd + ") in " + file;
    }

    private static long elementCount(long[] shape, String name) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("[BUG] tensor '" + name + "' has a negative dimension in "
                        + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
