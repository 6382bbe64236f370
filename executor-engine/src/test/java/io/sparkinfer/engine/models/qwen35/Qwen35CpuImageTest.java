package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.ImagePrefill;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.cpu.CpuBackend;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The image prompt with the tower and the text model on the Vector API CPU backend: golden logits and greedy tokens. */
class Qwen35CpuImageTest {
    private static final CpuBackend CPU = new CpuBackend(2);

    @AfterAll
    static void closeBackend() {
        CPU.close();
    }

    static List<String> fixtures() {
        return TinyModels.FIXTURES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void goldenLogitsAndGreedyTokens(String fixture) {
        Goldens.ImagePrompt golden = Goldens.imagePrompt(fixture, 3);
        Qwen35Model model = TinyModels.loadFixture(fixture, CPU);
        VisionTower tower;
        try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(Goldens.modelDir(fixture))) {
            tower = VisionTower.load(checkpoint, CPU);
        }
        List<ImageGrid> grids = TinyVision.grids(golden.gridThw());
        int vocab = model.config().vocabSize();
        int[] generated = new int[golden.greedy8().length];
        try (Tensor features = tower.forward(TinyVision.flatten(golden.pixelValues(), 1), grids);
                SequenceCache cache = model.newCache(4)) {
            MultimodalPrefill prefill = ImagePrefill.of(golden.ids(), grids, features, golden.imageTokenId(),
                    tower.config().spatialMergeSize());
            try (Tensor all = model.forward(List.of(new SequenceInput(cache, golden.ids(), prefill)),
                    Qwen35Model.LogitRows.ALL, (name, value) -> { })) {
                float[] logits = CPU.toFloats(all);
                double error = Closeness.relativeError(logits, golden.logits());
                System.out.printf("cpu %s image prompt: max relative logit error %.3e%n", fixture, error);
                assertTrue(error <= Qwen35GoldenTest.LOGIT_TOLERANCE, fixture + ": relative error " + error);
                generated[0] = Closeness.argmax(logits, golden.ids().length - 1, vocab);
            }
            for (int i = 1; i < generated.length; i++) {
                try (Tensor logits = model.forward(List.of(new SequenceInput(cache, new int[] {generated[i - 1]})))) {
                    generated[i] = Closeness.argmax(CPU.toFloats(logits), 0, vocab);
                }
            }
        }
        assertArrayEquals(golden.greedy8(), generated, fixture);
    }
}
