package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.Tensor;

/**
 * Receives named intermediate activations ({@code "embed"}, {@code "L3.out"}, {@code "L3.linear_attn.conv_out"},
 * {@code "final_norm"}) during a forward pass, so a test or a debugging session can diff them against a
 * reference and find the first layer that drifts. The tensor is only valid during the call: copy what you keep.
 */
@FunctionalInterface
public interface ActivationTap {

    /** Does nothing; the default for production forwards. */
    ActivationTap NONE = (name, value) -> {
    };

    void accept(String name, Tensor value);
}
