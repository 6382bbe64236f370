package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend that runs everything on another one and records each delta-rule op call, so a test can see which
 * form of the rule a layer chose when both forms give the same numbers.
 */
final class OpRecordingBackend implements Backend {

    /** One delta-rule call: the op's name, the tokens it got, and the chunk size (0 for the recurrent op). */
    record DeltaRuleCall(String op, int tokens, int chunkSize) {
    }

    private final Backend delegate;
    private final Ops ops;
    private final List<DeltaRuleCall> calls = new ArrayList<>();

    OpRecordingBackend(Backend delegate) {
        this.delegate = delegate;
        Ops real = delegate.ops();
        this.ops = (Ops) Proxy.newProxyInstance(Ops.class.getClassLoader(), new Class<?>[] {Ops.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "deltaRuleRecurrent" -> calls.add(new DeltaRuleCall(method.getName(),
                                ((Tensor) args[0]).rows(), 0));
                        case "deltaRuleChunked" -> calls.add(new DeltaRuleCall(method.getName(),
                                ((Tensor) args[0]).rows(), (Integer) args[8]));
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The delta-rule calls since the last call of this method. */
    List<DeltaRuleCall> takeDeltaRuleCalls() {
        List<DeltaRuleCall> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    @Override
    public String name() {
        return "recording " + delegate.name();
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public Tensor allocate(DType dtype, int... shape) {
        return delegate.allocate(dtype, shape);
    }

    @Override
    public Tensor fromFloats(float[] values, DType dtype, int... shape) {
        return delegate.fromFloats(values, dtype, shape);
    }

    @Override
    public float[] toFloats(Tensor t) {
        return delegate.toFloats(t);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
