package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.sched.EngineOptions;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `generate --image` prints the engine's tokens for the same image request (and the golden's for prompt 3). */
class ImageGenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("src/test/resources/fixtures/qwen35-tiny");
    private static final Path IMAGE = ROOT.resolve("image_64x96.png");

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void generateWithAnImagePrintsTheGoldenAndEngineTokens(String fixture) throws Exception {
        JsonNode golden = JSON.readTree(ROOT.resolve("goldens/" + fixture + ".json").toFile()).get("prompts").get(3);
        int[] ids = ints(golden.get("ids_before_expansion"));
        CliRun run = CliRun.of("generate", "--model", ROOT.resolve(fixture).toString(), "--ids", join(ids),
                "--image", IMAGE.toString(), "--max-tokens", "8");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode printed = JSON.readTree(run.out()).get("ids");
        assertEquals(golden.get("greedy8"), printed, run::toString);
        assertEquals(JSON.valueToTree(engineTokens(fixture, ids, 1, 8)), printed, "the CLI prints the engine's tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16"})
    void theImageOptionRepeatsForSeveralImages(String fixture) throws Exception {
        int[] ids = {481, 5, 489, 492, 490, 6, 489, 492, 490, 7, 482};
        CliRun run = CliRun.of("generate", "--model", ROOT.resolve(fixture).toString(), "--ids", join(ids),
                "--image", IMAGE.toString(), "--image", IMAGE.toString(), "--max-tokens", "5");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(JSON.valueToTree(engineTokens(fixture, ids, 2, 5)), JSON.readTree(run.out()).get("ids"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16"})
    void aMissingImageFileIsAUsageError(String fixture) {
        CliRun run = CliRun.of("generate", "--model", ROOT.resolve(fixture).toString(), "--ids", "481,492,482",
                "--image", "no-such-image.png");
        assertEquals(Main.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no-such-image.png"), run::toString);
    }

    private static int[] engineTokens(String fixture, int[] ids, int images, int maxTokens) throws Exception {
        byte[] png = Files.readAllBytes(IMAGE);
        List<byte[]> pictures = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            pictures.add(png);
        }
        try (Backend backend = Backends.cpuOrReference();
                EngineModel model = EngineModel.load(ROOT.resolve(fixture), backend);
                InferenceEngine engine = new InferenceEngine(model, EngineOptions.defaults())) {
            return engine.submit(InferenceRequest.generate(new Prompt.Ids(ids, 0, pictures),
                    GenerateOptions.DEFAULTS.withMaxTokens(maxTokens))).get().tokenIds();
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static String join(int[] ids) {
        return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
