package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.config.GenerationConfig;
import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.config.TensorLayout;
import io.sparkinfer.engine.config.TensorSchema;
import io.sparkinfer.engine.weights.Checkpoint;
import java.nio.file.Path;

/**
 * A Qwen3.5 model directory opened and checked once: config.json parsed and validated, the safetensors
 * weights mapped, and every tensor the config implies found with its exact shape. Anything wrong fails
 * here, at load, with one message naming the file, the tensor and both shapes, never later in a forward pass.
 */
public record Qwen35Checkpoint(Path directory, ModelConfig config, GenerationConfig generation, Checkpoint weights,
        TensorLayout layout) implements AutoCloseable {

    public static Qwen35Checkpoint open(Path directory) {
        ModelConfig config = ModelConfig.load(directory);
        GenerationConfig generation = GenerationConfig.load(directory, config);
        Checkpoint weights = Checkpoint.open(directory);
        try {
            TensorLayout layout = TensorSchema.validate(config, weights.shapes(), directory.toString());
            return new Qwen35Checkpoint(directory, config, generation, weights, layout);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
