package io.sparkinfer.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weight fixes happen once, at load, on a copy: the norm fold, the q_proj row order, the fused expert split. */
class LoadTimeWeightsTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/qwen35-tiny");
    static final String P = "model.language_model.";

    private final Backend backend = new ReferenceBackend();

    @Test
    void zeroCentredNormIsFoldedOnceHoweverOftenItIsLoaded() {
        try (Qwen35Checkpoint ckpt = Qwen35Checkpoint.open(FIXTURES.resolve("dense_bf16"))) {
            WeightUploader weights = new WeightUploader(ckpt.weights(), backend);
            String name = P + "layers.0.input_layernorm.weight";
            float[] stored = ckpt.weights().tensor(name).toFloatArray();
            float[] first = backend.toFloats(RmsNorm.zeroCentred(weights, name, 1e-6).weight());
            float[] second = backend.toFloats(RmsNorm.zeroCentred(weights, name, 1e-6).weight());
            for (int i = 0; i < stored.length; i++) {
                assertEquals(1f + stored[i], first[i], "element " + i);
            }
            assertArrayEquals(first, second);
            assertArrayEquals(stored, ckpt.weights().tensor(name).toFloatArray(), "the checkpoint is untouched");
        }
    }

    @Test
    void matricesKeepTheirStorageDtypeAndNormsBecomeF32() {
        try (Qwen35Checkpoint ckpt = Qwen35Checkpoint.open(FIXTURES.resolve("dense_bf16"))) {
            WeightUploader weights = new WeightUploader(ckpt.weights(), backend);
            Tensor conv = weights.matrix(P + "layers.0.linear_attn.conv1d.weight");
            assertEquals(DType.BF16, conv.dtype());
            assertArrayEquals(new int[] {ckpt.config().text().linearConvDim(), 4}, conv.shape());
            assertEquals(DType.F32, weights.zeroCentredNorm(P + "norm.weight").dtype());
        }
    }

    @Test
    void queryRowsAreRegroupedAsAllQueriesThenAllGates() {
        int heads = 2;
        int headDim = 3;
        int hidden = 2;
        // per-head layout [q_h0 (3 rows) | gate_h0 (3 rows) | q_h1 | gate_h1]; row r holds the values (r, r)
        float[] w = new float[2 * heads * headDim * hidden];
        for (int r = 0; r < 2 * heads * headDim; r++) {
            w[r * hidden] = r;
            w[r * hidden + 1] = r;
        }
        float[] out = GatedAttention.queryRowsFirst(w, heads, headDim, hidden);
        float[] rowIds = new float[2 * heads * headDim];
        for (int r = 0; r < rowIds.length; r++) {
            rowIds[r] = out[r * hidden];
            assertEquals(out[r * hidden], out[r * hidden + 1]);
        }
        assertArrayEquals(new float[] {0, 1, 2, 6, 7, 8, 3, 4, 5, 9, 10, 11}, rowIds);
    }

    @Test
    void fusedExpertsSplitIntoGateRowsUpRowsAndDownPerExpert() {
        try (Qwen35Checkpoint ckpt = Qwen35Checkpoint.open(FIXTURES.resolve("moe_bf16"))) {
            var moe = ckpt.config().text().moe().orElseThrow();
            int hidden = ckpt.config().text().hiddenSize();
            int width = moe.moeIntermediateSize();
            WeightUploader weights = new WeightUploader(ckpt.weights(), backend);
            String prefix = P + "layers.1.mlp.experts.";
            List<Mlp> experts = ExpertWeights.splitFused(weights, prefix, moe.numExperts(), width, hidden);
            float[] gateUp = ckpt.weights().tensor(prefix + "gate_up_proj").toFloatArray();
            float[] down = ckpt.weights().tensor(prefix + "down_proj").toFloatArray();
            int block = width * hidden;
            for (int e : new int[] {0, moe.numExperts() - 1}) {
                Mlp expert = experts.get(e);
                assertArrayEquals(Arrays.copyOfRange(gateUp, 2 * e * block, 2 * e * block + block),
                        backend.toFloats(expert.gate()), "expert " + e + " gate");
                assertArrayEquals(Arrays.copyOfRange(gateUp, 2 * e * block + block, 2 * (e + 1) * block),
                        backend.toFloats(expert.up()), "expert " + e + " up");
                assertArrayEquals(Arrays.copyOfRange(down, e * block, (e + 1) * block),
                        backend.toFloats(expert.down()), "expert " + e + " down");
                assertArrayEquals(new int[] {hidden, width}, expert.down().shape());
            }
        }
    }
}
