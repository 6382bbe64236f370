package io.sparkinfer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.engine.runtime.Generation;
import io.sparkinfer.engine.sampling.SamplingParams;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's pieces run inside Spark tasks exactly as in the driver: the tokenizer (its native library
 * unpacked on the executor side) and the model (the Vector API backend on executor threads). A first end-to-end
 * check of the plugin's premise, before the SQL functions exist.
 */
@ExtendWith(SparkSessionExtension.class)
class EngineInSparkTaskTest {
    private static final Path FIXTURES = Path.of("../../executor-engine/src/test/resources/fixtures").toAbsolutePath()
            .normalize();
    private static final String TOKENIZER = FIXTURES.resolve("tokenizer/qwen3").toString();
    private static final String MODEL = FIXTURES.resolve("qwen35-tiny/moe_bf16").toString();

    @Test
    void tokenizerInTasksEqualsTokenizerInTheDriver(SparkSession spark) {
        List<String> texts = List.of("Hello, world!", "Grüße aus Zürich", "東京は晴れ", "<|im_start|>user\nHi<|im_end|>",
                "", "مرحبا بالعالم");
        Dataset<String> rows = spark.createDataset(texts, Encoders.STRING()).repartition(3);
        String dir = TOKENIZER;

        List<String> inTasks = rows.mapPartitions((MapPartitionsFunction<String, String>) it -> {
            List<String> out = new ArrayList<>();
            try (TextTokenizer tokenizer = TextTokenizer.load(Path.of(dir))) {
                it.forEachRemaining(t -> out.add(t + "\t" + Arrays.toString(tokenizer.encode(t))));
            }
            return out.iterator();
        }, Encoders.STRING()).collectAsList();

        List<String> expected = new ArrayList<>();
        try (TextTokenizer tokenizer = TextTokenizer.load(Path.of(dir))) {
            texts.forEach(t -> expected.add(t + "\t" + Arrays.toString(tokenizer.encode(t))));
        }
        assertEquals(new HashSet<>(expected), new HashSet<>(inTasks));
        assertEquals(texts.size(), inTasks.size(), "every row comes back once");
    }

    @Test
    void greedyGenerationInTasksEqualsTheDriver(SparkSession spark) {
        List<String> prompts = List.of("5,17,300,42", "1", "10,11,12,13,14,15,16", "481,5,6,482");
        String dir = MODEL;

        List<String> inTasks = spark.createDataset(prompts, Encoders.STRING()).repartition(2)
                .mapPartitions((MapPartitionsFunction<String, String>) it -> {
                    List<String> out = new ArrayList<>();
                    try (Backend backend = Backends.cpuOrReference(1)) {
                        Qwen35Model model = load(dir, backend);
                        it.forEachRemaining(p -> out.add(p + " -> " + generate(model, p)));
                    }
                    return out.iterator();
                }, Encoders.STRING()).collectAsList();

        List<String> expected = new ArrayList<>();
        try (Backend backend = Backends.cpuOrReference(1)) {
            Qwen35Model model = load(dir, backend);
            prompts.forEach(p -> expected.add(p + " -> " + generate(model, p)));
        }
        assertEquals(new HashSet<>(expected), new HashSet<>(inTasks));
    }

    private static Qwen35Model load(String dir, Backend backend) {
        try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(Path.of(dir))) {
            return Qwen35Model.load(checkpoint, backend);
        }
    }

    private static String generate(Qwen35Model model, String prompt) {
        int[] ids = Arrays.stream(prompt.split(",")).mapToInt(Integer::parseInt).toArray();
        return Arrays.toString(Generation.generate(model, ids, 6, new HashSet<>(List.of(480, 482)), SamplingParams.GREEDY).ids());
    }
}
