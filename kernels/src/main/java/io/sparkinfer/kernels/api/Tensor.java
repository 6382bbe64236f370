package io.sparkinfer.kernels.api;

/**
 * A tensor owned by a {@link Backend}: a shape, a storage dtype and data that lives wherever the backend
 * keeps it (the Java heap, a GPU). Model code holds tensors as handles and changes them only through
 * {@link Ops}; it reads values back with {@link Backend#toFloats}. Row-major; the first dimension is "rows".
 *
 * <p>{@link #rows(int, int)} is a view that shares the data (a sequence's rows inside a packed batch, the
 * next free rows of a cache), so ops can write into part of a larger tensor without copying.
 */
public interface Tensor extends AutoCloseable {

    DType dtype();

    /** A copy of the shape. */
    int[] shape();

    /** Size of dimension 0. */
    int rows();

    /** Elements per row: the product of all dimensions but the first (1 for a vector). */
    int rowSize();

    long numel();

    /** Rows {@code [from, from + count)} as a tensor sharing this one's data. */
    Tensor rows(int from, int count);

    /** Frees the data of a tensor this backend allocated; closing a view does nothing. */
    @Override
    void close();
}
