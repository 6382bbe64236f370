package io.sparkinfer.engine.weights;

import io.sparkinfer.kernels.host.Bf16;
import io.sparkinfer.kernels.host.Fp16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Converts little-endian tensor bytes of a floating dtype to and from float32. */
final class FloatCodec {

    private FloatCodec() {}

    /** Decodes {@code n} elements starting at byte {@code byteOffset} of {@code src} into {@code dst[off..]}. */
    static void decode(DType dtype, ByteBuffer src, int byteOffset, float[] dst, int off, int n) {
        switch (dtype) {
            case F32 -> src.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(byteOffset)
                    .asFloatBuffer().get(dst, off, n);
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Bf16.toFloat(src.getShort(byteOffset + 2 * i));
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Fp16.toFloat(src.getShort(byteOffset + 2 * i));
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) src.getDouble(byteOffset + 8 * i);
                }
            }
            default -> throw new IllegalStateException("[BUG] FloatCodec.decode called for dtype " + dtype);
        }
    }

    /** Encodes {@code src[off..off+n)} at the position of {@code dst} (which must be little-endian). */
    static void encode(DType dtype, float[] src, int off, int n, ByteBuffer dst) {
        switch (dtype) {
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    dst.putFloat(src[off + i]);
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst.putShort(Bf16.fromFloat(src[off + i]));
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst.putShort(Fp16.fromFloat(src[off + i]));
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    dst.putDouble(src[off + i]);
                }
            }
            default -> throw new IllegalStateException("[BUG] FloatCodec.encode called for dtype " + dtype);
        }
    }
}
