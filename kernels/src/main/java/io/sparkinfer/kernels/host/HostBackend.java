package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;

/** What the reference and CPU backends share: tensors on the Java heap. */
public abstract class HostBackend implements Backend {

    @Override
    public Tensor allocate(DType dtype, int... shape) {
        return HostTensor.allocate(dtype, shape);
    }

    @Override
    public Tensor fromFloats(float[] values, DType dtype, int... shape) {
        if (values.length != HostTensor.count(shape)) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + Arrays.toString(shape));
        }
        HostTensor t = HostTensor.allocate(dtype, shape);
        if (dtype == DType.F32) {
            System.arraycopy(values, 0, t.f32(), 0, values.length);
        } else if (dtype == DType.BF16) {
            short[] bits = t.bits16(); // a plain loop: this is the weight upload path, billions of values
            for (int i = 0; i < values.length; i++) {
                bits[i] = Bf16.fromFloat(values[i]);
            }
        } else {
            short[] bits = t.bits16();
            for (int i = 0; i < values.length; i++) {
                bits[i] = Fp16.fromFloat(values[i]);
            }
        }
        return t;
    }

    @Override
    public Tensor uploadWeight(float[] values, DType dtype, int... shape) {
        HostTensor t = (HostTensor) fromFloats(values, dtype, shape);
        t.markConstant();
        return t;
    }

    @Override
    public float[] toFloats(Tensor tensor) {
        HostTensor t = HostTensor.of(tensor);
        float[] out = new float[(int) t.numel()];
        if (t.dtype() == DType.F32) {
            System.arraycopy(t.f32(), t.offset(), out, 0, out.length);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = t.get(i);
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}
