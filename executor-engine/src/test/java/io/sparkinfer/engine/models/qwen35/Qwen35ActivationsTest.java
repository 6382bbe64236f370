package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Prompt 0's hidden states after the embedding, after every decoder layer and after the final norm, against
 * the oracle's activations: a drifting logit test points here to the first layer that is off.
 */
class Qwen35ActivationsTest {
    static final double TOLERANCE = 1e-4;
    static final List<String> FIXTURES = TinyModels.FIXTURES;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void hiddenStatesMatchTheOracleLayerByLayer(String fixture) {
        Goldens.Activations golden = Goldens.activations(fixture);
        Qwen35Model model = TinyModels.model(fixture);
        Map<String, float[]> taps = new LinkedHashMap<>();
        try (var cache = model.newCache();
                var logits = model.forward(List.of(new SequenceInput(cache, golden.ids())),
                        Qwen35Model.LogitRows.LAST, (name, value) -> taps.put(name, model.backend().toFloats(value)))) {
            assertEquals(1, logits.rows());
        }
        Map<String, double[][]> expected = new LinkedHashMap<>();
        expected.put("embed", golden.embeddings());
        for (int i = 0; i < golden.afterLayer().size(); i++) {
            expected.put("L" + i + ".out", golden.afterLayer().get(i));
        }
        expected.put("final_norm", golden.finalNorm());

        StringBuilder report = new StringBuilder(fixture + " activations:");
        String firstBad = null;
        for (var e : expected.entrySet()) {
            float[] ours = taps.get(e.getKey());
            assertTrue(ours != null, "no tap named " + e.getKey() + "; taps: " + taps.keySet());
            double error = Closeness.relativeError(ours, e.getValue());
            report.append(String.format(" %s=%.2e", e.getKey(), error));
            if (error > TOLERANCE && firstBad == null) {
                firstBad = e.getKey();
            }
        }
        System.out.println(report);
        assertEquals(null, firstBad, "first activation beyond " + TOLERANCE + ": " + firstBad + "; " + report);
    }
}
