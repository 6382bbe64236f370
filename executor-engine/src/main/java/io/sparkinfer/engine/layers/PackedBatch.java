package io.sparkinfer.engine.layers;

import io.sparkinfer.engine.cache.SequenceCache;
import java.util.List;

/**
 * How the rows of a packed activation [N, H] split into sequences: segment s owns rows
 * {@code [offset, offset + count)}, which hold that sequence's tokens at positions {@code start ..}. Row-wise
 * layers ignore this; sequence mixers (attention, conv, delta rule) run once per segment on row views.
 */
public record PackedBatch(List<Segment> segments, int totalRows) {

    /** One sequence's slice of the batch: its cache, its first row and row count, its first position. */
    public record Segment(SequenceCache cache, int offset, int count, int start) {
        public Segment {
            if (offset < 0 || count <= 0 || start < 0) {
                throw new IllegalArgumentException("[BUG] segment offset=" + offset + " count=" + count + " start="
                        + start);
            }
        }
    }

    public PackedBatch {
        segments = List.copyOf(segments);
        int next = 0;
        for (Segment s : segments) {
            if (s.offset() != next) {
                throw new IllegalArgumentException("[BUG] segments must tile the rows in order: expected offset "
                        + next + ", got " + s.offset());
            }
            next += s.count();
        }
        if (next != totalRows) {
            throw new IllegalArgumentException("[BUG] segments cover " + next + " rows of " + totalRows);
        }
    }

    /** Text-only positions (t = h = w = absolute token index) of every row, as the rope op wants: 3 * N ints. */
    public int[] textPositions() {
        int[] positions = new int[3 * totalRows];
        for (Segment s : segments) {
            for (int i = 0; i < s.count(); i++) {
                int p = s.start() + i;
                int row = s.offset() + i;
                positions[row] = p;
                positions[totalRows + row] = p;
                positions[2 * totalRows + row] = p;
            }
        }
        return positions;
    }
}
