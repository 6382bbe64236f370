package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;

/**
 * The sequence mixer of a decoder layer (gated attention or Gated DeltaNet). It reads and updates the
 * layer's state in each segment's cache; the caller advances the caches' lengths after the last layer.
 */
public interface TokenMixer {

    /** A new tensor [N, hidden] for the packed input x [N, hidden]. */
    Tensor forward(Backend backend, Tensor x, PackedBatch batch, String name, ActivationTap tap);
}
