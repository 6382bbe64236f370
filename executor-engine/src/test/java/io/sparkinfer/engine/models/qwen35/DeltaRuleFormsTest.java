package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.engine.layers.DeltaRuleForm;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The chunked delta rule equals the recurrent one layer by layer: a 150-token prefill (two full 64-token
 * chunks and a ragged one) in chunks of 1, 3 and 64 against the recurrent form, comparing every DeltaNet
 * layer's output and every decoder layer's output.
 *
 * <p>On the reference backend the difference measures 0: both reference kernels compute in double and round
 * to f32 once per output, so their double-level differences vanish in that rounding. A backend computing
 * in f32 will show its own rounding here; the tolerance is for that.
 */
class DeltaRuleFormsTest {
    /** Chunked and recurrent forms sum in different orders: rounding only. */
    static final double ROUNDING = 1e-5;
    static final int PROMPT_LENGTH = 150;
    static final int[] CHUNK_SIZES = {1, 3, 64};
    static final List<String> MODELS = TinyModels.ALL;

    @ParameterizedTest
    @FieldSource("MODELS")
    void chunkedEqualsRecurrentLayerByLayer(String name) {
        Qwen35Model model = TinyModels.model(name);
        int[] ids = TinyModels.randomIds(model, PROMPT_LENGTH, 11);
        Map<String, float[]> recurrent = layerOutputs(model.withDeltaRuleForm(DeltaRuleForm.recurrent()), ids);
        for (int chunk : CHUNK_SIZES) {
            Map<String, float[]> chunked = layerOutputs(model.withDeltaRuleForm(DeltaRuleForm.chunked(chunk)), ids);
            assertEquals(recurrent.keySet(), chunked.keySet());
            double max = 0;
            String worst = "";
            for (String tap : recurrent.keySet()) {
                double error = Closeness.relativeError(chunked.get(tap), recurrent.get(tap));
                assertTrue(error <= ROUNDING, name + " chunks of " + chunk + ", " + tap + ": " + error);
                if (error >= max) {
                    max = error;
                    worst = tap;
                }
            }
            System.out.printf("%s chunks of %d vs recurrent, %d tokens: max relative difference %.3e (%s)%n", name,
                    chunk, PROMPT_LENGTH, max, worst);
        }
    }

    /** The reference kernels agree to double rounding, so the ops called show that the knob takes effect. */
    @Test
    void theFormDecidesWhichDeltaRuleOpRuns() {
        OpRecordingBackend backend = new OpRecordingBackend(TinyModels.backend());
        Qwen35Model loaded = TinyModels.loadFixture("dense_bf16", backend);
        int layers = (int) deltaNetLayers(loaded);
        int[] ids = TinyModels.randomIds(loaded, PROMPT_LENGTH, 12);
        assertEquals(DeltaRuleForm.DEFAULT, loaded.deltaRuleForm());
        assertEquals(DeltaRuleForm.chunked(64), DeltaRuleForm.DEFAULT);

        for (DeltaRuleForm form : List.of(DeltaRuleForm.DEFAULT, DeltaRuleForm.chunked(3), DeltaRuleForm.recurrent())) {
            Qwen35Model model = form.equals(loaded.deltaRuleForm()) ? loaded : loaded.withDeltaRuleForm(form);
            assertEquals(form, model.deltaRuleForm());
            try (SequenceCache cache = model.newCache()) {
                TinyModels.allLogits(model, cache, ids);
                var prefill = form.tokenByToken()
                        ? new OpRecordingBackend.DeltaRuleCall("deltaRuleRecurrent", PROMPT_LENGTH, 0)
                        : new OpRecordingBackend.DeltaRuleCall("deltaRuleChunked", PROMPT_LENGTH, form.chunkSize());
                assertEquals(Collections.nCopies(layers, prefill), backend.takeDeltaRuleCalls(), form + " prefill");
                TinyModels.allLogits(model, cache, new int[] {5});
                assertEquals(Collections.nCopies(layers, new OpRecordingBackend.DeltaRuleCall("deltaRuleRecurrent", 1,
                        0)), backend.takeDeltaRuleCalls(), form + ": one token is always recurrent");
            }
        }
    }

    @Test
    void aFormWithoutAChunkSizeOrARecurrentOneWithItIsRefused() {
        var zero = assertThrows(IllegalArgumentException.class, () -> DeltaRuleForm.chunked(0));
        assertTrue(zero.getMessage().contains("at least 1 token, got 0"), zero.getMessage());
        var both = assertThrows(IllegalArgumentException.class, () -> new DeltaRuleForm(true, 64));
        assertTrue(both.getMessage().contains("recurrent()"), both.getMessage());
    }

    /** "L{i}.linear_attn.out" of every DeltaNet layer and "L{i}.out" of every layer, one prefill. */
    private static Map<String, float[]> layerOutputs(Qwen35Model model, int[] ids) {
        Map<String, float[]> taps = new LinkedHashMap<>();
        try (SequenceCache cache = model.newCache();
                Tensor logits = model.forward(List.of(new SequenceInput(cache, ids)), Qwen35Model.LogitRows.LAST,
                        (tap, value) -> {
                            if (tap.matches("L\\d+\\.(linear_attn\\.)?out")) {
                                taps.put(tap, model.backend().toFloats(value));
                            }
                        })) {
            assertEquals(1, logits.rows());
        }
        assertEquals(model.config().numHiddenLayers() + deltaNetLayers(model), taps.size(), "taps: " + taps.keySet());
        return taps;
    }

    private static long deltaNetLayers(Qwen35Model model) {
        return model.config().layerTypes().stream().filter(t -> t == LayerType.LINEAR_ATTENTION).count();
    }
}
