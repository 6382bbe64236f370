package io.sparkinfer.engine.layers;

import io.sparkinfer.engine.cache.SequenceCache;
import java.util.List;

/**
 * How the rows of a packed activation [N, H] split into sequences: segment s owns rows
 * {@code [offset, offset + count)}, which hold that sequence's tokens at indices {@code start ..}. Row-wise
 * layers ignore this; sequence mixers (attention, conv, delta rule) run once per segment on row views.
 */
public record PackedBatch(List<Segment> segments, int totalRows) {

    /**
     * One sequence's slice of the batch: its cache, its first row and row count, its first token index, and the
     * rope positions of its rows (3 * count ints: t, then h, then w).
     */
    public record Segment(SequenceCache cache, int offset, int count, int start, int[] positions) {
        public Segment {
            if (offset < 0 || count <= 0 || start < 0) {
                throw new IllegalArgumentException("[BUG] segment offset=" + offset + " count=" + count + " start="
                        + start);
            }
            if (positions.length != 3 * count) {
                throw new IllegalArgumentException("[BUG] segment of " + count + " rows with " + positions.length
                        + " rope positions");
            }
            positions = positions.clone();
        }

        /** Text tokens at positions {@code start + delta ..} on all three axes. */
        public Segment(SequenceCache cache, int offset, int count, int start, int delta) {
            this(cache, offset, count, start, textPositions(start + delta, count));
        }

        @Override
        public int[] positions() {
            return positions.clone();
        }

        private static int[] textPositions(int first, int count) {
            int[] out = new int[3 * count];
            for (int i = 0; i < count; i++) {
                out[i] = first + i;
                out[count + i] = first + i;
                out[2 * count + i] = first + i;
            }
            return out;
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

    /** The rope positions of every row, as the rope op wants: 3 * N ints (every row's t, then h, then w). */
    public int[] ropePositions() {
        int[] positions = new int[3 * totalRows];
        for (Segment s : segments) {
            int[] own = s.positions();
            for (int axis = 0; axis < 3; axis++) {
                System.arraycopy(own, axis * s.count(), positions, axis * totalRows + s.offset(), s.count());
            }
        }
        return positions;
    }
}
