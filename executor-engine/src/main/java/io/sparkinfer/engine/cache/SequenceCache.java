package io.sparkinfer.engine.cache;

import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.kernels.api.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a model remembers about one sequence: per layer an {@link AttentionCache} or a
 * {@link DeltaNetState}, the number of tokens seen (the next token's index) and the rope delta. Not thread-safe: one
 * forward at a time per sequence. If a forward fails midway the cache is inconsistent: discard it.
 */
public final class SequenceCache implements AutoCloseable {
    private final Backend backend;
    private final CacheShape shape;
    private final List<LayerState> layers;
    private int length;
    /** Rope position minus token index for tokens after a multimodal prompt (spec section 5); 0 for text. */
    private int ropeDelta;

    /** An empty cache; attention layers start with room for {@code initialCapacity} tokens and grow as needed. */
    public SequenceCache(Backend backend, CacheShape shape, int initialCapacity) {
        if (initialCapacity <= 0) {
            throw new IllegalArgumentException("initial cache capacity " + initialCapacity + " must be positive");
        }
        this.backend = backend;
        this.shape = shape;
        List<LayerState> states = new ArrayList<>(shape.layerTypes().size());
        for (LayerType type : shape.layerTypes()) {
            states.add(type == LayerType.FULL_ATTENTION
                    ? new AttentionCache(backend, shape.kvWidth(), initialCapacity)
                    : new DeltaNetState(backend, shape.convKernel(), shape.convDim(), shape.valueHeads(),
                            shape.keyHeadDim(), shape.valueHeadDim()));
        }
        this.layers = List.copyOf(states);
    }

    public CacheShape shape() {
        return shape;
    }

    /** Tokens seen so far: the position of the next token. */
    public int length() {
        return length;
    }

    /** What a later token's index adds to make its rope position (negative after images; 0 for text). */
    public int ropeDelta() {
        return ropeDelta;
    }

    /** Records the rope delta of a multimodal prompt this cache just took in. */
    public void setRopeDelta(int delta) {
        ropeDelta = delta;
    }

    public AttentionCache attention(int layer) {
        if (layers.get(layer) instanceof AttentionCache cache) {
            return cache;
        }
        throw new IllegalStateException("[BUG] layer " + layer + " is " + shape.layerTypes().get(layer)
                + ", it has no attention cache");
    }

    public DeltaNetState deltaNet(int layer) {
        if (layers.get(layer) instanceof DeltaNetState state) {
            return state;
        }
        throw new IllegalStateException("[BUG] layer " + layer + " is " + shape.layerTypes().get(layer)
                + ", it has no DeltaNet state");
    }

    /** Makes every attention cache hold {@code newTokens} more positions; call before a forward writes them. */
    public void reserve(int newTokens) {
        for (LayerState state : layers) {
            if (state instanceof AttentionCache cache) {
                cache.reserve(length + newTokens, length);
            }
        }
    }

    /** Records that a forward consumed {@code tokens} more tokens. */
    public void advance(int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("[BUG] advance by " + tokens);
        }
        length += tokens;
    }

    /**
     * An independent copy of this cache with room for {@code capacity} positions (at least {@link #length()}):
     * a prefix snapshot, or a branch that continues differently (a classification label).
     */
    public SequenceCache fork(int capacity) {
        if (capacity < length) {
            throw new IllegalArgumentException("[BUG] a fork of a " + length + "-token cache needs capacity >= "
                    + length + ", got " + capacity);
        }
        SequenceCache copy = new SequenceCache(backend, shape, Math.max(1, capacity));
        for (int i = 0; i < layers.size(); i++) {
            LayerState state = layers.get(i);
            if (state instanceof AttentionCache attention) {
                attention.copyInto(copy.attention(i), length);
            } else if (state instanceof DeltaNetState deltaNet) {
                deltaNet.copyInto(copy.deltaNet(i), backend.ops());
            }
        }
        copy.length = length;
        copy.ropeDelta = ropeDelta;
        return copy;
    }

    /** Bytes this cache holds now (attention caches at their current capacity plus the DeltaNet states). */
    public long bytes() {
        long total = 0;
        for (LayerState state : layers) {
            total += state instanceof AttentionCache a ? a.bytes() : ((DeltaNetState) state).bytes();
        }
        return total;
    }

    @Override
    public void close() {
        layers.forEach(LayerState::close);
    }
}
