package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.weights.TensorSource;
import java.util.SplittableRandom;

/**
 * How a random test model initialises each tensor, by its role (read off the name), at scales that keep
 * activations and logits of order one, like the fixture checkpoints: matrices N(0, 1/fan_in), zero-centred
 * norms N(0, 0.1) (so 1 + w is near 1), plain norms 1 + N(0, 0.08), DeltaNet decay parameters in their
 * trained ranges. Values depend only on (seed, tensor name), never on the order tensors are written.
 */
final class RandomInit {
    private RandomInit() {
    }

    /** A source for one tensor; it must be read front to back once, as the writer does. */
    static TensorSource forTensor(String name, long[] shape, boolean tiedEmbeddings, long seed) {
        SplittableRandom random = new SplittableRandom(mix(seed ^ fnv64(name)));
        Fill fill = fillFor(name, shape, tiedEmbeddings);
        long[] next = {0};
        return (start, dst, count) -> {
            if (start != next[0]) {
                throw new IllegalStateException("[BUG] random tensor " + name + " read out of order: at " + start
                        + ", expected " + next[0]);
            }
            for (int i = 0; i < count; i++) {
                dst[i] = (float) fill.next(random);
            }
            next[0] += count;
        };
    }

    private interface Fill {
        double next(SplittableRandom random);
    }

    private static Fill fillFor(String name, long[] shape, boolean tiedEmbeddings) {
        long hidden = shape[shape.length - 1];
        if (name.endsWith("linear_attn.A_log")) {
            return r -> Math.log(r.nextDouble(1.0, 4.0)); // decay rate exp(A_log) in [1, 4)
        }
        if (name.endsWith("linear_attn.dt_bias")) {
            return r -> r.nextDouble(0.1, 1.5);
        }
        if (name.endsWith("linear_attn.norm.weight") || isLayerNormWeight(name)) {
            return r -> 1.0 + 0.08 * r.nextGaussian(); // plain scale, not zero-centred
        }
        if (name.endsWith("norm.weight") || name.endsWith("layernorm.weight")) {
            return r -> 0.1 * r.nextGaussian(); // zero-centred: the model multiplies by (1 + w)
        }
        if (name.endsWith(".bias")) {
            return r -> 0.1 * r.nextGaussian();
        }
        if (name.endsWith("embed_tokens.weight")) {
            double std = tiedEmbeddings ? 1.0 / Math.sqrt(hidden) : 1.0; // tied: the same rows give the logits
            return r -> std * r.nextGaussian();
        }
        if (name.endsWith("pos_embed.weight")) {
            return r -> 0.5 * r.nextGaussian();
        }
        double std = 1.0 / Math.sqrt(fanIn(name, shape));
        return r -> std * r.nextGaussian();
    }

    /** Input features of a weight: the trailing dims (all but the first; all but the first two for fused experts). */
    private static long fanIn(String name, long[] shape) {
        if (name.endsWith("conv1d.weight")) {
            return shape[shape.length - 1];
        }
        long fan = 1;
        for (int i = name.contains(".experts.") && shape.length == 3 ? 2 : 1; i < shape.length; i++) {
            fan *= shape[i];
        }
        return Math.max(fan, 1);
    }

    private static boolean isLayerNormWeight(String name) {
        return name.startsWith("model.visual.") && name.endsWith("norm.weight") || name.endsWith("norm1.weight")
                || name.endsWith("norm2.weight");
    }

    /** 64-bit FNV-1a of the name's chars: a stable per-tensor stream, unlike String.hashCode's 32 bits. */
    private static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
