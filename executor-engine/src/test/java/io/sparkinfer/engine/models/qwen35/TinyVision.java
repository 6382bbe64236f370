package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.config.VisionTokenIds;
import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fixtures' vision towers, loaded once per test JVM on {@link TinyModels#backend()}, and golden helpers. */
final class TinyVision {
    private static final Map<String, VisionTower> TOWERS = new ConcurrentHashMap<>();

    private TinyVision() {
    }

    static VisionTower tower(String fixture) {
        return TOWERS.computeIfAbsent(fixture, f -> {
            try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(Goldens.modelDir(f))) {
                return VisionTower.load(checkpoint, TinyModels.backend());
            }
        });
    }

    static VisionTokenIds tokens(String fixture) {
        return ModelConfig.load(Goldens.modelDir(fixture)).visionTokens().orElseThrow();
    }

    static List<ImageGrid> grids(int[][] gridThw) {
        List<ImageGrid> grids = new ArrayList<>();
        for (int[] g : gridThw) {
            grids.add(new ImageGrid(g[0], g[1], g[2]));
        }
        return grids;
    }

    /** [rows][cols] to row-major floats, {@code copies} times over (the same image given several times). */
    static float[] flatten(double[][] rows, int copies) {
        int cols = rows[0].length;
        float[] out = new float[copies * rows.length * cols];
        for (int copy = 0; copy < copies; copy++) {
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < cols; c++) {
                    out[(copy * rows.length + r) * cols + c] = (float) rows[r][c];
                }
            }
        }
        return out;
    }
}
