package io.sparkinfer.engine.weights;

/**
 * Produces a tensor's values piece by piece, so {@link SafetensorsWriter} can stream tensors far larger than
 * the heap (values are converted to the tensor's dtype as they are written).
 */
@FunctionalInterface
public interface TensorSource {

    /** Fills {@code dst[0, count)} with elements {@code [start, start + count)} of the tensor, row-major. */
    void fill(long start, float[] dst, int count);
}
