package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.config.ExpectedTensor;
import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.config.TensorSchema;
import io.sparkinfer.engine.weights.DType;
import io.sparkinfer.engine.weights.SafetensorsWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes random Qwen3.5 weights for a config in the exact Hugging Face layout: the tensor names and shapes
 * of {@link TensorSchema} (under {@code model.language_model.}, or {@code model.} for a text-only config), one
 * {@code model.safetensors} or several shards with {@code model.safetensors.index.json}. Used by {@code make-tiny-model} and by tests that need
 * a model the fixtures do not cover (per-expert MoE tensors, tied embeddings, other layer schedules).
 */
public final class RandomCheckpoint {

    /**
     * @param seed         the same seed and config give the same bytes
     * @param dtype        storage dtype of the weights (A_log is always F32, as in released files)
     * @param shards       1 for a single file; more splits the tensors into that many files by size
     * @param fusedExperts MoE experts as fused {@code experts.gate_up_proj}/{@code down_proj} (HF's native
     *                     form), or one {@code experts.{e}.*_proj.weight} per expert
     * @param withVision   write the vision tower (requires a config with vision_config)
     */
    public record Options(long seed, DType dtype, int shards, boolean fusedExperts, boolean withVision) {
        public Options {
            if (dtype != DType.BF16 && dtype != DType.F16 && dtype != DType.F32) {
                throw new IllegalArgumentException("weights dtype must be BF16, F16 or F32, got " + dtype);
            }
            if (shards < 1) {
                throw new IllegalArgumentException("shards must be at least 1, got " + shards);
            }
        }
    }

    private RandomCheckpoint() {
    }

    /** Writes the weight files into {@code dir} (which must exist); returns the total bytes of tensor data. */
    public static long write(Path dir, ModelConfig config, Options options) {
        if (options.withVision() && config.vision().isEmpty()) {
            throw new IllegalArgumentException("a vision tower was asked for, but the config has no vision_config");
        }
        // A multimodal config names text tensors model.language_model.*, a text-only export model.* (as HF does).
        String prefix = config.isMultimodal() ? TensorSchema.MULTIMODAL_TEXT_PREFIX : TensorSchema.TEXT_ONLY_PREFIX;
        List<ExpectedTensor> tensors = TensorSchema.expected(config, prefix, options.fusedExperts(),
                options.withVision());
        List<List<ExpectedTensor>> groups = splitBySize(tensors, options.shards(), options.dtype());
        if (groups.size() == 1) {
            return writer(groups.get(0), config, options).write(dir.resolve("model.safetensors"));
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < groups.size(); i++) {
            String file = String.format("model-%05d-of-%05d.safetensors", i + 1, groups.size());
            total += writer(groups.get(i), config, options).write(dir.resolve(file));
            for (ExpectedTensor t : groups.get(i)) {
                weightMap.put(t.name(), file);
            }
        }
        SafetensorsWriter.writeShardedIndex(dir, weightMap, total);
        return total;
    }

    private static SafetensorsWriter writer(List<ExpectedTensor> tensors, ModelConfig config, Options options) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata(Map.of("format", "pt"));
        for (ExpectedTensor t : tensors) {
            DType dtype = t.name().endsWith(".A_log") ? DType.F32 : options.dtype();
            writer.add(t.name(), dtype, t.shape(),
                    RandomInit.forTensor(t.name(), t.shape(), config.tieWordEmbeddings(), options.seed()));
        }
        return writer;
    }

    /** Consecutive groups of roughly equal bytes, in schema order (as HF's sharding keeps layers together). */
    private static List<List<ExpectedTensor>> splitBySize(List<ExpectedTensor> tensors, int shards, DType dtype) {
        long total = 0;
        for (ExpectedTensor t : tensors) {
            total += t.numel() * dtype.byteSize();
        }
        int count = Math.min(shards, tensors.size());
        long perShard = (total + count - 1) / count;
        List<List<ExpectedTensor>> groups = new ArrayList<>();
        List<ExpectedTensor> current = new ArrayList<>();
        long size = 0;
        for (ExpectedTensor t : tensors) {
            if (!current.isEmpty() && size >= perShard && groups.size() < count - 1) {
                groups.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(t);
            size += t.numel() * dtype.byteSize();
        }
        groups.add(current);
        return groups;
    }
}
