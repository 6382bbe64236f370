package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.cache.SequenceCache;
import java.util.Objects;

/**
 * New tokens for one sequence, continuing from its cache: the tokens take positions
 * {@code cache.length() ..}, and the forward pass appends them to the cache.
 */
public record SequenceInput(SequenceCache cache, int[] tokenIds) {

    public SequenceInput {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(tokenIds, "tokenIds");
        if (tokenIds.length == 0) {
            throw new IllegalArgumentException("a sequence input needs at least one token id (got none at position "
                    + cache.length() + ")");
        }
        tokenIds = tokenIds.clone();
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    public int length() {
        return tokenIds.length;
    }
}
