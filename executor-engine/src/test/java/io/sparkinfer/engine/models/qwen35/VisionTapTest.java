package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tower names its intermediate activations in order, and the last one is its output. */
class VisionTapTest {

    @Test
    void theTowerTapsEachStageAndTheMergerOutput() {
        Goldens.ImagePrompt golden = Goldens.imagePrompt("dense_bf16", 3);
        VisionTower tower = TinyVision.tower("dense_bf16");
        List<ImageGrid> grids = TinyVision.grids(golden.gridThw());
        Map<String, float[]> seen = new LinkedHashMap<>();
        float[] output;
        float[] pixels = TinyVision.flatten(golden.pixelValues(), 1);
        try (Tensor in = tower.backend().fromFloats(pixels, DType.F32, golden.pixelValues().length,
                tower.config().patchInputSize());
                Tensor out = tower.forward(in, grids, (name, value) -> seen.put(name,
                        tower.backend().toFloats(value)))) {
            output = tower.backend().toFloats(out);
        }
        List<String> expected = new ArrayList<>(List.of("visual.patch_embed", "visual.pos_embed"));
        for (int j = 0; j < tower.config().depth(); j++) {
            expected.add("visual.blocks." + j + ".out");
        }
        expected.add("visual.merger");
        assertEquals(expected, List.copyOf(seen.keySet()));
        assertEquals(24 * tower.config().hiddenSize(), seen.get("visual.patch_embed").length);
        assertArrayEquals(output, seen.get("visual.merger"));
    }
}
