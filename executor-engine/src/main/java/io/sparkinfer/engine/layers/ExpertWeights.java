package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.DType;
import java.util.ArrayList;
import java.util.List;

/** Routed-expert weights as one {@link Mlp} per expert, from either checkpoint layout (spec section 9). */
final class ExpertWeights {

    private ExpertWeights() {
    }

    /**
     * Splits fused {@code gate_up_proj [E, 2I, H]} (rows 0..I-1 gate, I..2I-1 up, no transpose) and
     * {@code down_proj [E, H, I]} into per-expert matrices, reading one expert at a time.
     */
    static List<Mlp> splitFused(WeightUploader weights, String prefix, int numExperts, int width, int hidden) {
        String gateUp = prefix + "gate_up_proj";
        String down = prefix + "down_proj";
        weights.requireShape(gateUp, numExperts, 2L * width, hidden);
        weights.requireShape(down, numExperts, hidden, width);
        DType gateUpType = weights.storageOf(gateUp);
        DType downType = weights.storageOf(down);
        int block = width * hidden; // values of one [I, H] (or [H, I]) matrix
        List<Mlp> experts = new ArrayList<>(numExperts);
        for (int e = 0; e < numExperts; e++) {
            long base = 2L * e * block;
            experts.add(new Mlp(
                    weights.upload(weights.floats(gateUp, base, block), gateUpType, width, hidden),
                    weights.upload(weights.floats(gateUp, base + block, block), gateUpType, width, hidden),
                    weights.upload(weights.floats(down, (long) e * block, block), downType, hidden, width)));
        }
        return experts;
    }

    /** {@code prefix + e + ".gate_proj.weight"} etc., one triple per expert. */
    static List<Mlp> perExpert(WeightUploader weights, String prefix, int numExperts) {
        List<Mlp> experts = new ArrayList<>(numExperts);
        for (int e = 0; e < numExperts; e++) {
            experts.add(Mlp.load(weights, prefix + e + "."));
        }
        return experts;
    }
}
