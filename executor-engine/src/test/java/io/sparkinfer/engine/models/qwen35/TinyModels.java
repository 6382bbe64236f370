package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The tiny test models, loaded once per test JVM on {@link #backend()}: the two fixtures with goldens, and
 * random-weight {@link TinyVariant}s for equivalence tests. Plus forward helpers.
 */
final class TinyModels {
    static final List<String> FIXTURES = List.of("dense_bf16", "moe_bf16");
    /** Every model the equivalence tests run on: the fixtures, then the random variants. */
    static final List<String> ALL = Stream.concat(FIXTURES.stream(), TinyVariant.ALL.stream().map(TinyVariant::name))
            .toList();

    private static final Backend BACKEND = newBackend();
    private static final Map<String, Qwen35Model> MODELS = new ConcurrentHashMap<>();

    private TinyModels() {
    }

    /**
     * The one place to swap in another backend for every model test. The bitwise batch assertions rely on
     * kernels that treat each row alike whatever the row count (true of the reference backend).
     */
    private static Backend newBackend() {
        return new ReferenceBackend();
    }

    static Backend backend() {
        return BACKEND;
    }

    /** A fixture by directory name, or a {@link TinyVariant} by name. */
    static Qwen35Model model(String name) {
        return MODELS.computeIfAbsent(name, n -> FIXTURES.contains(n) ? load(Goldens.modelDir(n), BACKEND)
                : loadVariant(TinyVariant.named(n)));
    }

    /** A fresh, uncached load of a fixture on {@code backend}. */
    static Qwen35Model loadFixture(String fixture, Backend backend) {
        return load(Goldens.modelDir(fixture), backend);
    }

    private static Qwen35Model load(Path dir, Backend backend) {
        try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(dir)) {
            return Qwen35Model.load(checkpoint, backend);
        }
    }

    /** Writes the variant to a scratch directory, loads it (weights are copied onto the backend), deletes it. */
    private static Qwen35Model loadVariant(TinyVariant variant) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sparkinfer-" + variant.name());
            variant.write(dir);
            return load(dir, BACKEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tiny model " + variant.name(), e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete scratch model directory " + dir, e);
        }
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

    /** {@code count} token ids drawn from the whole vocabulary, the same for the same seed. */
    static int[] randomIds(Qwen35Model model, int count, long seed) {
        return new Random(seed).ints(count, 0, model.config().vocabSize()).toArray();
    }
}
