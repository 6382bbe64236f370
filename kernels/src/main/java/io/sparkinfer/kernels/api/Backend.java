package io.sparkinfer.kernels.api;

/**
 * One place where tensors live and ops run: the scalar reference, the CPU (Vector API, own thread pool), a
 * GPU. Layers call {@link #ops()} and never a backend class, so every model runs on every backend.
 */
public interface Backend extends AutoCloseable {

    /** Short name for logs and errors: {@code reference}, {@code cpu}, {@code cuda:0}. */
    String name();

    Ops ops();

    /** A new zero-filled tensor. */
    Tensor allocate(DType dtype, int... shape);

    /**
     * A new tensor holding {@code values} (row-major) stored as {@code dtype}: exact for F32, rounded to
     * nearest-even for BF16/F16 (exact when the values came from that dtype, as checkpoint weights do).
     */
    Tensor fromFloats(float[] values, DType dtype, int... shape);

    /**
     * As {@link #fromFloats}, for a weight that nothing writes after this call (no op gets it as an output):
     * a backend may then keep extra layouts of it for its kernels (the CPU backend packs matmul panels).
     */
    default Tensor uploadWeight(float[] values, DType dtype, int... shape) {
        return fromFloats(values, dtype, shape);
    }

    /** All values of {@code t} widened to f32, row-major. */
    float[] toFloats(Tensor t);

    /** Frees everything this backend holds (thread pools, device memory). */
    @Override
    void close();
}
