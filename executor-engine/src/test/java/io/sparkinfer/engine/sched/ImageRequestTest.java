package io.sparkinfer.engine.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Image prompts through the batch engine: the golden image prompt's greedy tokens, batch invariance with the
 * prompt cut inside its image pads, per-request errors for bad images, and no prefix sharing across images.
 */
class ImageRequestTest {
    private static final int IMAGE_PAD = 492;
    private static final int VISION_START = 489;
    private static final int VISION_END = 490;

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void theGoldenImagePromptGivesTheGoldenGreedyTokens(String name) throws Exception {
        JsonNode golden = golden(name);
        InferenceRequest request = generate(new Prompt.Ids(ints(golden.get("ids_before_expansion")), 0,
                List.of(fixtureImage())), 8);
        InferenceResult result = run(EngineFixtures.model(name), EngineFixtures.smallSteps(), List.of(request)).get(0);
        assertTrue(result.ok(), result.error());
        assertArrayEquals(ints(golden.get("greedy8")), result.tokenIds(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void anImageRequestCutIntoPiecesIsTheSameAloneAndInABatch(String name) throws Exception {
        EngineModel model = EngineFixtures.model(name);
        // 61 text tokens, then the image: its 6 pads (61..66 after expansion) straddle the 64-token chunk edge.
        InferenceRequest image = generate(new Prompt.Ids(imagePrompt(60, 10, 7), 0, List.of(fixtureImage())), 8);
        InferenceResult alone = run(model, EngineFixtures.smallSteps(), List.of(image)).get(0);
        assertTrue(alone.ok(), alone.error());

        List<InferenceRequest> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(generate(Prompt.ids(EngineFixtures.randomIds(20 + 13 * i, 50 + i)), 8));
        }
        batch.add(4, image);
        batch.add(generate(new Prompt.Ids(imagePrompt(3, 4, 8), 0, List.of(flippedImage())), 8));
        List<InferenceResult> results = run(model, EngineFixtures.smallSteps(), batch);
        results.forEach(r -> assertTrue(r.ok(), r.error()));
        assertArrayEquals(alone.tokenIds(), results.get(4).tokenIds(), name + ": the image request among 9 others");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void aCorruptImageFailsItsRequestOnly(String name) throws Exception {
        byte[] png = fixtureImage();
        byte[] truncated = Arrays.copyOf(png, png.length / 3);
        List<InferenceRequest> batch = List.of(
                generate(Prompt.ids(EngineFixtures.randomIds(30, 1)), 4),
                generate(new Prompt.Ids(imagePrompt(4, 4, 9), 0, List.of(png, truncated)), 4),
                generate(new Prompt.Ids(imagePrompt(4, 4, 10), 0, List.of(png)), 4));
        List<InferenceResult> results = run(EngineFixtures.model(name), EngineFixtures.smallSteps(), batch);
        assertTrue(results.get(0).ok(), results.get(0).error());
        assertTrue(results.get(2).ok(), results.get(2).error());
        assertFalse(results.get(1).ok());
        assertTrue(results.get(1).error().startsWith("image 1 ("), results.get(1).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void aModelWithoutAVisionTowerRejectsImages(String name) throws Exception {
        EngineModel full = EngineFixtures.model(name);
        EngineModel textOnly = new EngineModel(full.key(), full.model(), full.tokenizer(), full.chatTemplate(),
                full.generation());
        List<InferenceResult> results = run(textOnly, EngineFixtures.smallSteps(), List.of(
                generate(new Prompt.Ids(imagePrompt(4, 4, 11), 0, List.of(fixtureImage())), 4),
                generate(Prompt.ids(EngineFixtures.randomIds(12, 2)), 4)));
        assertFalse(results.get(0).ok());
        assertTrue(results.get(0).error().contains("has no vision tower"), results.get(0).error());
        assertTrue(results.get(1).ok(), results.get(1).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void theSameTextWithDifferentImagesSharesNoPrefix(String name) throws Exception {
        EngineModel model = EngineFixtures.model(name);
        int[] ids = imagePrompt(100, 6, 12);
        // The shared prefix ends after the image, so a snapshot would carry the image's state.
        InferenceRequest first = generate(new Prompt.Ids(ids, 105, List.of(fixtureImage())), 6);
        InferenceRequest second = generate(new Prompt.Ids(ids, 105, List.of(flippedImage())), 6);
        int[] firstAlone = run(model, EngineFixtures.smallSteps(), List.of(first)).get(0).tokenIds();
        int[] secondAlone = run(model, EngineFixtures.smallSteps(), List.of(second)).get(0).tokenIds();
        assertFalse(Arrays.equals(firstAlone, secondAlone), "the two images lead to different tokens");
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps())) {
            InferenceResult a = engine.submit(first).get();
            InferenceResult b = engine.submit(second).get();
            InferenceResult again = engine.submit(first).get();
            assertArrayEquals(firstAlone, a.tokenIds());
            assertArrayEquals(secondAlone, b.tokenIds(), "the second image does not reuse the first's prefix");
            assertArrayEquals(firstAlone, again.tokenIds());
            assertEquals(1, engine.stats().prefixHits(), "only the repeat of the same image hits the prefix cache");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16"})
    void maxPixelsShrinksTheImageOrFailsWithTheBounds(String name) throws Exception {
        int[] ids = imagePrompt(4, 4, 13);
        List<InferenceRequest> requests = new ArrayList<>();
        for (String pixels : List.of("16777216", "4096", "100")) {
            requests.add(InferenceRequest.generate(new Prompt.Ids(ids, 0, List.of(fixtureImage())),
                    GenerateOptions.DEFAULTS.withMaxTokens(2).withOptions(java.util.Map.of("max_pixels", pixels))));
        }
        List<InferenceResult> results = run(EngineFixtures.model(name), EngineFixtures.smallSteps(), requests);
        assertTrue(results.get(0).ok(), results.get(0).error());
        assertTrue(results.get(1).ok(), results.get(1).error());
        // 96x64 has 6 merged tokens (32-pixel blocks); within 4096 pixels smart_resize floors both sides after
        // scaling by sqrt(6144 / 4096): 64x32, 2 tokens.
        assertEquals(ids.length - 1 + 6, results.get(0).promptTokens());
        assertEquals(ids.length - 1 + 2, results.get(1).promptTokens());
        assertFalse(results.get(2).ok());
        assertTrue(results.get(2).error().contains("max_pixels=100"), results.get(2).error());
    }

    /** {@code before} random ids, vision start, one image pad, vision end, {@code after} random ids. */
    static int[] imagePrompt(int before, int after, long seed) {
        int[] head = EngineFixtures.randomIds(before, seed);
        int[] tail = EngineFixtures.randomIds(after, seed + 1000);
        int[] ids = Arrays.copyOf(head, before + 3 + after);
        ids[before] = VISION_START;
        ids[before + 1] = IMAGE_PAD;
        ids[before + 2] = VISION_END;
        System.arraycopy(tail, 0, ids, before + 3, after);
        return ids;
    }

    static InferenceRequest generate(Prompt prompt, int maxTokens) {
        return InferenceRequest.generate(prompt, GenerateOptions.DEFAULTS.withMaxTokens(maxTokens));
    }

    static List<InferenceResult> run(EngineModel model, EngineOptions options, List<InferenceRequest> requests)
            throws Exception {
        try (InferenceEngine engine = new InferenceEngine(model, options)) {
            List<CompletableFuture<InferenceResult>> futures = requests.stream().map(engine::submit).toList();
            List<InferenceResult> out = new ArrayList<>();
            for (CompletableFuture<InferenceResult> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    static byte[] fixtureImage() throws IOException {
        return Files.readAllBytes(EngineFixtures.FIXTURES.resolve("image_64x96.png"));
    }

    /** The fixture image upside down, as PNG. */
    static byte[] flippedImage() throws IOException {
        BufferedImage src = ImageIO.read(EngineFixtures.FIXTURES.resolve("image_64x96.png").toFile());
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                out.setRGB(x, src.getHeight() - 1 - y, src.getRGB(x, y));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static JsonNode golden(String name) throws IOException {
        return new ObjectMapper().readTree(EngineFixtures.FIXTURES.resolve("goldens/" + name + ".json").toFile())
                .get("prompts").get(3);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
