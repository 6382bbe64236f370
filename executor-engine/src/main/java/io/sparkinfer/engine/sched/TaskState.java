package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Timings;
import java.util.List;

/** The task-specific part of a sequence: what it does with prompt outputs, what it runs after, what it returns. */
interface TaskState {

    /** Outputs of a prompt piece; {@code last} when it completed the prompt. The phase to go on in. */
    Sequence.Phase promptPiece(Sequence s, float[][] rows, boolean last);

    /** Pieces for a sequence past its prompt (DECODE or BRANCHES). */
    List<Piece> pieces(Sequence s);

    /** Outputs of a piece from {@link #pieces}; the phase to go on in. */
    Sequence.Phase accept(Sequence s, Piece piece, float[][] rows);

    /** The result of a sequence that reached DONE. */
    InferenceResult result(Sequence s, Timings timings);

    /** The result of a sequence whose wall-time limit ran out. */
    InferenceResult timedOut(Sequence s, Timings timings, long limitMillis);

    /** Closes caches this task opened (branches). */
    void closeCaches();
}
