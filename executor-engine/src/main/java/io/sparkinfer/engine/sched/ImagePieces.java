package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.MultimodalPrefill;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts an image prompt's whole-prompt {@link MultimodalPrefill} into the prompt's pieces (spec section 5): a
 * piece with image pads gets its slice of the 3-D positions, its pad rows (relative to the piece) and those
 * rows' features; a piece of text alone runs as text at index + rope delta, with the cache's delta set to what
 * that text's positions are (the delta grows past each image). The features belong to this object.
 */
final class ImagePieces implements AutoCloseable {
    private final MultimodalPrefill whole;
    private final Tensor features;
    private final Backend backend;
    private final int[] positions;
    private final int[] imageRows;
    private final int length;
    private Tensor slice;

    ImagePieces(MultimodalPrefill whole, Tensor features, Backend backend) {
        this.whole = whole;
        this.features = features;
        this.backend = backend;
        this.positions = whole.positions();
        this.imageRows = whole.imageRows();
        this.length = positions.length / 3;
    }

    /**
     * The multimodal input of the prompt tokens [from, to), or empty for a text-only piece (then {@code cache}'s
     * rope delta is set so that index + delta gives the piece's positions). The slice lives until the next call.
     */
    Optional<MultimodalPrefill> piece(SequenceCache cache, int from, int to) {
        closeSlice();
        int first = lowerBound(from);
        int last = lowerBound(to);
        if (first == last) {
            int delta = positions[from] - from;
            for (int i = from; i < to; i++) {
                for (int axis = 0; axis < 3; axis++) {
                    if (positions[axis * length + i] != i + delta) {
                        throw new IllegalStateException("[BUG] text token " + i + " of an image prompt is not at"
                                + " index + " + delta + " on axis " + axis);
                    }
                }
            }
            cache.setRopeDelta(delta);
            return Optional.empty();
        }
        int n = to - from;
        int[] piecePositions = new int[3 * n];
        for (int axis = 0; axis < 3; axis++) {
            System.arraycopy(positions, axis * length + from, piecePositions, axis * n, n);
        }
        int[] rows = Arrays.stream(imageRows, first, last).map(r -> r - from).toArray();
        Tensor pieceFeatures = features;
        if (last - first != imageRows.length) {
            slice = backend.allocate(DType.F32, last - first, features.rowSize());
            int[] wanted = new int[last - first];
            for (int k = 0; k < wanted.length; k++) {
                wanted[k] = first + k;
            }
            backend.ops().gatherRows(features, wanted, slice);
            pieceFeatures = slice;
        }
        return Optional.of(new MultimodalPrefill(piecePositions, whole.ropeDelta(), pieceFeatures, rows));
    }

    /** Index of the first image row at or past {@code token}. */
    private int lowerBound(int token) {
        int i = 0;
        while (i < imageRows.length && imageRows[i] < token) {
            i++;
        }
        return i;
    }

    private void closeSlice() {
        if (slice != null) {
            slice.close();
            slice = null;
        }
    }

    @Override
    public void close() {
        closeSlice();
        features.close();
    }
}
