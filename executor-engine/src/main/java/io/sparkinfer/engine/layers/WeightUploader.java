package io.sparkinfer.engine.layers;

import io.sparkinfer.engine.weights.Checkpoint;
import io.sparkinfer.engine.weights.TensorData;
import io.sparkinfer.engine.weights.TensorInfo;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;

/**
 * Moves checkpoint tensors onto a backend, once, at load time. Matrices keep the checkpoint's storage dtype
 * (BF16 stays BF16: ops widen as they read); norms and small vectors become F32. Every transformation a
 * layer needs (the {@code 1 + w} norm fold, row permutations, fused-expert splits) happens on the host copy
 * before upload, so the checkpoint itself is never changed and loading twice gives the same weights.
 */
public final class WeightUploader {
    private final Checkpoint checkpoint;
    private final Backend backend;

    public WeightUploader(Checkpoint checkpoint, Backend backend) {
        this.checkpoint = checkpoint;
        this.backend = backend;
    }

    public Backend backend() {
        return backend;
    }

    public TensorInfo info(String name) {
        return checkpoint.info(name);
    }

    /** A weight as [dim0, product of the other dims] in its storage dtype (conv1d [C, 1, K] becomes [C, K]). */
    public Tensor matrix(String name) {
        TensorInfo info = checkpoint.info(name);
        long[] shape = info.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("tensor '" + name + "' " + info.shapeString() + " in " + info.file()
                    + " is not a matrix; expected at least 2 dimensions");
        }
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(info.numElements() / shape[0]);
        return upload(checkpoint.tensor(name).toFloatArray(), storageOf(name), rows, cols);
    }

    /** All values of a tensor widened to f32 on the host, for small tensors a layer transforms before upload. */
    public float[] floats(String name) {
        return checkpoint.tensor(name).toFloatArray();
    }

    /** Values {@code [first, first + count)} of a tensor, row-major (one expert of a fused expert tensor). */
    public float[] floats(String name, long first, int count) {
        TensorData data = checkpoint.tensor(name);
        float[] values = new float[count];
        data.readFloats(first, values, 0, count);
        return values;
    }

    /** A 1-D weight as an F32 vector. */
    public Tensor vector(String name) {
        float[] values = floats(name);
        return backend.fromFloats(values, DType.F32, values.length);
    }

    /**
     * A zero-centred RMSNorm weight (Qwen stores {@code w} and multiplies by {@code 1 + w}) folded to
     * {@code 1 + w} in f32, so the op multiplies by the stored vector like any RMSNorm.
     */
    public Tensor zeroCentredNorm(String name) {
        float[] values = floats(name);
        float[] folded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            folded[i] = 1f + values[i];
        }
        return backend.fromFloats(folded, DType.F32, folded.length);
    }

    /** Host values uploaded as a weight (never written afterwards) stored as {@code dtype} with {@code shape}. */
    public Tensor upload(float[] values, DType dtype, int... shape) {
        return backend.uploadWeight(values, dtype, shape);
    }

    /**
     * The kernels dtype that stores tensor {@code name} without loss: BF16, F16 or F32 as in the file; F64
     * is narrowed to F32 (ops compute in f32 anyway).
     */
    public DType storageOf(String name) {
        TensorInfo info = checkpoint.info(name);
        return switch (info.dtype()) {
            case BF16 -> DType.BF16;
            case F16 -> DType.F16;
            case F32, F64 -> DType.F32;
            default -> throw new IllegalArgumentException("tensor '" + name + "' in " + info.file() + " has dtype "
                    + info.dtype() + "; weights must be BF16, F16, F32 or F64. Re-save the checkpoint in bf16");
        };
    }

    /** Checks that tensor {@code name} has exactly {@code expected} as its shape (a [BUG] if the schema let it by). */
    public void requireShape(String name, long... expected) {
        TensorInfo info = checkpoint.info(name);
        if (!Arrays.equals(info.shape(), expected)) {
            throw new IllegalStateException("[BUG] tensor '" + name + "' in " + info.file() + " has shape "
                    + info.shapeString() + " but the layer needs " + Arrays.toString(expected)
                    + "; TensorSchema should have refused it at open");
        }
    }
}
