package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.cache.SequenceCache;
import java.util.Objects;
import java.util.Optional;

/**
 * New tokens for one sequence, continuing from its cache: the tokens take indices {@code cache.length() ..},
 * and the forward pass appends them to the cache. Text tokens take rope position index + the cache's rope
 * delta on all three axes; a {@link MultimodalPrefill} gives explicit 3-D positions instead, image features
 * for the pad tokens, and the rope delta the cache keeps for later tokens.
 */
public record SequenceInput(SequenceCache cache, int[] tokenIds, Optional<MultimodalPrefill> multimodal) {

    public SequenceInput {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(tokenIds, "tokenIds");
        Objects.requireNonNull(multimodal, "multimodal");
        if (tokenIds.length == 0) {
            throw new IllegalArgumentException("a sequence input needs at least one token id (got none at position "
                    + cache.length() + ")");
        }
        if (multimodal.isPresent()) {
            MultimodalPrefill m = multimodal.get();
            if (m.length() != tokenIds.length) {
                throw new IllegalArgumentException("multimodal positions cover " + m.length() + " tokens but the"
                        + " input has " + tokenIds.length + "; compute them for exactly this input's tokens");
            }
            int[] rows = m.imageRows();
            if (rows.length > 0 && rows[rows.length - 1] >= tokenIds.length) {
                throw new IllegalArgumentException("image row " + rows[rows.length - 1] + " is past the input's "
                        + tokenIds.length + " tokens");
            }
        }
        tokenIds = tokenIds.clone();
    }

    /** Text tokens only. */
    public SequenceInput(SequenceCache cache, int[] tokenIds) {
        this(cache, tokenIds, Optional.empty());
    }

    /** A multimodal prefill: explicit positions, rope delta and image features. */
    public SequenceInput(SequenceCache cache, int[] tokenIds, MultimodalPrefill multimodal) {
        this(cache, tokenIds, Optional.of(multimodal));
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    public int length() {
        return tokenIds.length;
    }
}
