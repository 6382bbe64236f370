package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tiny fixture models loaded once per test JVM on the reference backend, plus forward helpers. */
final class TinyModels {
    static final List<String> FIXTURES = List.of("dense_bf16", "moe_bf16");

    private static final Backend BACKEND = new ReferenceBackend();
    private static final Map<String, Qwen35Model> MODELS = new ConcurrentHashMap<>();

    private TinyModels() {
    }

    static Qwen35Model model(String fixture) {
        return MODELS.computeIfAbsent(fixture, f -> {
            try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(Goldens.modelDir(f))) {
                return Qwen35Model.load(checkpoint, BACKEND);
            }
        });
    }

    /** Every position's logits of {@code ids} as one prefill on a fresh cache, row-major [ids.length, vocab]. */
    static float[] prefillLogits(Qwen35Model model, int[] ids) {
        try (SequenceCache cache = model.newCache()) {
            return allLogits(model, cache, ids);
        }
    }

    /** Every position's logits of {@code ids} continuing {@code cache}. */
    static float[] allLogits(Qwen35Model model, SequenceCache cache, int[] ids) {
        try (Tensor logits = model.forward(List.of(new SequenceInput(cache, ids)), Qwen35Model.LogitRows.ALL,
                (name, value) -> { })) {
            return model.backend().toFloats(logits);
        }
    }
}
