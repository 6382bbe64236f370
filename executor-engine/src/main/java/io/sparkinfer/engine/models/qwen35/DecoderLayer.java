package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.layers.ActivationTap;
import io.sparkinfer.engine.layers.FeedForward;
import io.sparkinfer.engine.layers.PackedBatch;
import io.sparkinfer.engine.layers.RmsNorm;
import io.sparkinfer.engine.layers.TokenMixer;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;

/**
 * One pre-norm decoder layer: {@code h += mixer(norm1(h)); h += ffn(norm2(h))}, no residual scaling.
 *
 * @param name     the tap prefix, {@code "L3"}
 * @param mixerName the mixer's tap name, {@code "L3.self_attn"} or {@code "L3.linear_attn"}
 */
record DecoderLayer(String name, String mixerName, RmsNorm inputNorm, TokenMixer mixer, RmsNorm postNorm,
        FeedForward ffn) {

    /** The same layer with another sequence mixer (the same weights run another way). */
    DecoderLayer withMixer(TokenMixer newMixer) {
        return new DecoderLayer(name, mixerName, inputNorm, newMixer, postNorm, ffn);
    }

    /** Updates the residual stream h [N, H] in place. */
    void forward(Backend backend, Tensor h, PackedBatch batch, ActivationTap tap) {
        try (Tensor normed = inputNorm.forward(backend, h);
                Tensor mixed = mixer.forward(backend, normed, batch, mixerName, tap)) {
            tap.accept(mixerName + ".out", mixed);
            backend.ops().add(h, mixed, h);
        }
        try (Tensor normed = postNorm.forward(backend, h);
                Tensor mlp = ffn.forward(backend, normed, name + ".mlp", tap)) {
            tap.accept(name + ".mlp.out", mlp);
            backend.ops().add(h, mlp, h);
        }
        tap.accept(name + ".out", h);
    }
}
