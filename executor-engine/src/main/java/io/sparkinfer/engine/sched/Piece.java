package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.MultimodalPrefill;
import io.sparkinfer.engine.models.qwen35.Readout;
import java.util.Optional;

/**
 * One sequence's share of a forward step: {@code tokens} appended to {@code cache}, and what to read back.
 * {@code branch} is -1 for the sequence's own cache, else the index of the classification label being scored;
 * {@code multimodal} carries an image prompt piece's positions and image features.
 */
record Piece(Sequence owner, SequenceCache cache, int[] tokens, Readout readout, int branch,
        Optional<MultimodalPrefill> multimodal) {

    Piece(Sequence owner, SequenceCache cache, int[] tokens, Readout readout, int branch) {
        this(owner, cache, tokens, readout, branch, Optional.empty());
    }
}
