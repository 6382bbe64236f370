package io.sparkinfer.engine.models.qwen35;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The float64 oracle outputs of goldens/&lt;fixture&gt;.json and &lt;fixture&gt;.activations.json. */
final class Goldens {
    static final Path ROOT = Path.of("src/test/resources/fixtures/qwen35-tiny");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One text prompt: its ids, every position's logits, and the 8 greedy continuation tokens. */
    record Prompt(int[] ids, double[][] logits, int[] greedy8) {
    }

    /**
     * The image prompt: ids with one pad per image and expanded, pixel values [patches][1536], grids (t, h, w),
     * 3-D positions [3][L], rope delta, every position's logits and the 8 greedy tokens.
     */
    record ImagePrompt(int[] idsBeforeExpansion, int[] ids, double[][] pixelValues, int[][] gridThw,
            int[][] positionsThw, int ropeDelta, double[][] logits, int[] greedy8, int imageTokenId) {
    }

    /** Hidden states of prompt 0: embeddings, after each decoder layer, after the final norm ([T][H] each). */
    record Activations(int[] ids, double[][] embeddings, List<double[][]> afterLayer, double[][] finalNorm) {
    }

    private Goldens() {
    }

    static Path modelDir(String fixture) {
        return ROOT.resolve(fixture);
    }

    static Prompt prompt(String fixture, int index) {
        JsonNode p = read(ROOT.resolve("goldens/" + fixture + ".json")).get("prompts").get(index);
        if (p.has("image")) {
            throw new IllegalArgumentException("prompt " + index + " of " + fixture + " is an image prompt");
        }
        return new Prompt(ints(p.get("ids")), matrix(p.get("logits")), ints(p.get("greedy8")));
    }

    static ImagePrompt imagePrompt(String fixture, int index) {
        JsonNode golden = read(ROOT.resolve("goldens/" + fixture + ".json"));
        JsonNode p = golden.get("prompts").get(index);
        if (!p.has("image")) {
            throw new IllegalArgumentException("prompt " + index + " of " + fixture + " is a text prompt");
        }
        int[][] grids = new int[p.get("image_grid_thw").size()][];
        for (int i = 0; i < grids.length; i++) {
            grids[i] = ints(p.get("image_grid_thw").get(i));
        }
        int[][] positions = new int[3][];
        for (int axis = 0; axis < 3; axis++) {
            positions[axis] = ints(p.get("position_ids_thw").get(axis));
        }
        int imageToken = golden.get("special_token_ids").get("<|image_pad|>").asInt();
        return new ImagePrompt(ints(p.get("ids_before_expansion")), ints(p.get("ids")), matrix(p.get("pixel_values")),
                grids, positions, p.get("rope_delta").asInt(), matrix(p.get("logits")), ints(p.get("greedy8")),
                imageToken);
    }

    static Activations activations(String fixture) {
        JsonNode a = read(ROOT.resolve("goldens/" + fixture + ".activations.json"));
        List<double[][]> layers = new ArrayList<>();
        a.get("after_layer").forEach(layer -> layers.add(matrix(layer)));
        return new Activations(ints(a.get("ids")), matrix(a.get("embeddings")), layers, matrix(a.get("final_norm")));
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden " + file, e);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = rows.get(r);
            out[r] = new double[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = row.get(c).asDouble();
            }
        }
        return out;
    }
}
