package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.tokenizer.TinyTokenizerBuilder;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Engine models for tests: the tiny fixtures (512-token vocabulary) on the CPU backend, with the tiny byte-level
 * tokenizer whose added tokens sit where the fixtures' configs put them (eos {@code <|im_end|>} 482), so text
 * prompts, stop strings and labels work. Loaded once per JVM.
 */
final class EngineFixtures {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/qwen35-tiny");
    static final List<String> NAMES = List.of("dense_bf16", "moe_bf16");
    private static final Backend BACKEND = Backends.cpuOrReference();
    private static final ConcurrentHashMap<String, EngineModel> MODELS = new ConcurrentHashMap<>();

    private EngineFixtures() {
    }

    static EngineModel model(String name) {
        return MODELS.computeIfAbsent(name, EngineFixtures::load);
    }

    private static EngineModel load(String name) {
        try {
            Path dir = Files.createTempDirectory("sparkinfer-engine-" + name);
            dir.toFile().deleteOnExit();
            try (Stream<Path> files = Files.list(FIXTURES.resolve(name))) {
                for (Path f : files.toList()) {
                    Files.createSymbolicLink(dir.resolve(f.getFileName()), f.toAbsolutePath());
                }
            }
            TinyTokenizerBuilder.write(dir, 512);
            return EngineModel.load(dir, BACKEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} random ids below the tokenizer's added tokens (so none is eos). */
    static int[] randomIds(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = random.nextInt(480);
        }
        return ids;
    }

    /** Small-step options: chunks of 64 and 96 tokens per step, so prompts span several steps. */
    static EngineOptions smallSteps() {
        return EngineOptions.defaults().withPrefillChunk(64).withMaxBatchTokens(96);
    }
}
