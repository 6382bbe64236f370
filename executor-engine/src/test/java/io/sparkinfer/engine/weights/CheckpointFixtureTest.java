package io.sparkinfer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the two tiny Qwen3.5 fixture checkpoints: single-file dense and two-shard MoE. */
class CheckpointFixtureTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/qwen35-tiny");
    private static final Path DENSE = FIXTURES.resolve("dense_bf16");
    private static final Path MOE = FIXTURES.resolve("moe_bf16");
    private static final String EMBED = "model.language_model.embed_tokens.weight";
    private static final String A_LOG = "model.language_model.layers.0.linear_attn.A_log";

    @Test
    void denseSingleFile() throws IOException {
        try (Checkpoint ckpt = Checkpoint.open(DENSE)) {
            Path file = DENSE.resolve("model.safetensors");
            assertEquals(List.of(file), ckpt.files());
            assertEquals(157, ckpt.names().size());
            assertEquals(EMBED, ckpt.names().tailSet("model.language_model.e").first()); // sorted
            TensorInfo embed = ckpt.info(EMBED);
            assertEquals(DType.BF16, embed.dtype());
            assertEquals("[512, 64]", embed.shapeString());
            assertEquals(DType.F32, ckpt.info(A_LOG).dtype());
            assertArrayEquals(new long[] {128, 1, 4},
                    ckpt.shapes().get("model.language_model.layers.0.linear_attn.conv1d.weight"));
            // The writer packs tensors contiguously, so their bytes fill the whole data region.
            long dataRegion = Files.size(file) - 8 - RawSafetensors.headerLength(file);
            assertEquals(dataRegion, ckpt.totalBytes());
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertEquals(Map.of("format", "pt"), f.metadata());
            }
        }
    }

    @Test
    void denseValuesMatchAnIndependentReader() {
        // Expected values were read from the fixture with Python's struct module (bf16 = bits << 16).
        try (Checkpoint ckpt = Checkpoint.open(DENSE)) {
            float[] embed = ckpt.tensor(EMBED).toFloatArray();
            assertEquals(512 * 64, embed.length);
            assertArrayEquals(new float[] {0.345703125f, 0.8203125f, 0.330078125f, -1.3046875f},
                    new float[] {embed[0], embed[1], embed[2], embed[3]});
            double sum = 0;
            double absSum = 0;
            for (float v : embed) {
                sum += v;
                absSum += Math.abs(v);
            }
            assertEquals(-319.8934073448181, sum, 1e-9);
            assertEquals(25902.92786169052, absSum, 1e-9);
            assertArrayEquals(new float[] {1.0068055391311646f, 1.35831618309021f, 0.42572256922721863f,
                    1.0546530485153198f}, ckpt.tensor(A_LOG).toFloatArray());
            float[] row = new float[64];
            ckpt.tensor(EMBED).readFloats(3L * 64, row, 0, 64);
            for (int i = 0; i < 64; i++) {
                assertEquals(embed[3 * 64 + i], row[i]);
            }
        }
    }

    @Test
    void moeTwoShardsFollowTheIndex() {
        ShardIndex index = ShardIndex.read(MOE.resolve(ShardIndex.FILE_NAME));
        try (Checkpoint ckpt = Checkpoint.open(MOE)) {
            assertEquals(List.of(MOE.resolve("model-00001-of-00002.safetensors"),
                    MOE.resolve("model-00002-of-00002.safetensors")), ckpt.files());
            assertEquals(index.weightMap().keySet(), ckpt.names());
            assertEquals(174, ckpt.names().size());
            index.weightMap().forEach((name, shard) ->
                    assertEquals(shard, ckpt.info(name).file().getFileName().toString(), name));
            assertEquals(index.totalSize(), ckpt.totalBytes());
            TensorInfo experts = ckpt.info("model.language_model.layers.0.mlp.experts.gate_up_proj");
            assertEquals(DType.BF16, experts.dtype());
            assertEquals("[8, 64, 64]", experts.shapeString());
            assertEquals("[512, 64]", ckpt.info(EMBED).shapeString());
            String secondShard = "model.language_model.layers.5.linear_attn.conv1d.weight";
            assertEquals("[128, 1, 4]", ckpt.info(secondShard).shapeString());
            float[] values = ckpt.tensor(secondShard).toFloatArray();
            assertEquals(512, values.length);
            for (float v : values) {
                assertTrue(Float.isFinite(v));
            }
            assertFalse(ckpt.contains("model.language_model.layers.0.mlp.gate_proj.weight"));
        }
    }
}
