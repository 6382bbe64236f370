package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sparkinfer.engine.weights.Checkpoint;
import io.sparkinfer.engine.weights.SafetensorsWriter;
import io.sparkinfer.engine.weights.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MoE checkpoint exported with per-expert tensors computes exactly what the fused original does. */
class PerExpertLayoutTest {

    @Test
    void perExpertTensorsGiveTheSameLogitsAsFusedOnes(@TempDir Path dir) throws IOException {
        Path fused = Goldens.modelDir("moe_bf16");
        Files.copy(fused.resolve("config.json"), dir.resolve("config.json"));
        Files.copy(fused.resolve("generation_config.json"), dir.resolve("generation_config.json"));
        try (Checkpoint source = Checkpoint.open(fused)) {
            writePerExpert(source, dir.resolve("model.safetensors"));
        }
        int[] ids = Goldens.prompt("moe_bf16", 0).ids();
        float[] expected = TinyModels.prefillLogits(TinyModels.model("moe_bf16"), ids);
        try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(dir)) {
            assertFalse(checkpoint.layout().fusedExperts());
            Qwen35Model model = Qwen35Model.load(checkpoint, TinyModels.model("moe_bf16").backend());
            assertArrayEquals(expected, TinyModels.prefillLogits(model, ids));
        }
    }

    /** Copies every tensor, splitting {@code experts.gate_up_proj [E, 2I, H]} and {@code down_proj [E, H, I]}. */
    private static void writePerExpert(Checkpoint source, Path file) {
        SafetensorsWriter writer = new SafetensorsWriter();
        for (String name : source.names()) {
            TensorInfo info = source.info(name);
            float[] values = source.tensor(name).toFloatArray();
            long[] shape = info.shape();
            if (name.endsWith(".mlp.experts.gate_up_proj")) {
                String prefix = name.substring(0, name.length() - "gate_up_proj".length());
                int block = (int) (shape[1] / 2 * shape[2]);
                long[] expertShape = {shape[1] / 2, shape[2]};
                for (int e = 0; e < shape[0]; e++) {
                    int base = 2 * e * block;
                    writer.add(prefix + e + ".gate_proj.weight", info.dtype(), expertShape,
                            Arrays.copyOfRange(values, base, base + block));
                    writer.add(prefix + e + ".up_proj.weight", info.dtype(), expertShape,
                            Arrays.copyOfRange(values, base + block, base + 2 * block));
                }
            } else if (name.endsWith(".mlp.experts.down_proj")) {
                String prefix = name.substring(0, name.length() - "down_proj".length());
                int block = (int) (shape[1] * shape[2]);
                for (int e = 0; e < shape[0]; e++) {
                    writer.add(prefix + e + ".down_proj.weight", info.dtype(), new long[] {shape[1], shape[2]},
                            Arrays.copyOfRange(values, e * block, (e + 1) * block));
                }
            } else {
                writer.add(name, info.dtype(), shape, values);
            }
        }
        writer.write(file);
    }
}
