package io.sparkinfer.engine.sched;

import java.util.List;

/** Sees every step's pieces and outputs on the engine thread (tests and diagnostics); must not keep the rows. */
interface StepListener {
    StepListener NONE = (pieces, outputs) -> { };

    void onStep(List<Piece> pieces, List<float[][]> outputs);
}
