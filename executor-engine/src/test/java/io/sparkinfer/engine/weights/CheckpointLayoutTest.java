package io.sparkinfer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a checkpoint directory is read from, and every way a directory is refused. */
class CheckpointLayoutTest {

    @TempDir Path dir;

    private void writeFile(String fileName, String... tensors) {
        SafetensorsWriter writer = new SafetensorsWriter();
        for (String t : tensors) {
            writer.add(t, DType.F32, new long[] {2}, new float[] {1, 2});
        }
        writer.write(dir.resolve(fileName));
    }

    private static String assertRefused(Path dir, String... fragments) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.open(dir));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing: " + e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void everySafetensorsFileWhenThereIsNoIndexOrSingleFile() {
        writeFile("b.safetensors", "y");
        writeFile("a.safetensors", "x", "z");
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            assertEquals(List.of(dir.resolve("a.safetensors"), dir.resolve("b.safetensors")), ckpt.files());
            assertEquals(List.of("x", "y", "z"), List.copyOf(ckpt.names()));
            assertEquals(24, ckpt.totalBytes());
            assertEquals(2f, ckpt.tensor("y").getFloat(1));
        }
    }

    @Test
    void singleFileWinsOverAnIndexLikeTransformers() {
        writeFile("model.safetensors", "single");
        writeFile("shard.safetensors", "sharded");
        SafetensorsWriter.writeShardedIndex(dir, Map.of("sharded", "shard.safetensors"), 8);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            assertEquals(List.of("single"), List.copyOf(ckpt.names()));
        }
    }

    @Test
    void indexIgnoresUnlistedFiles() {
        writeFile("s1.safetensors", "a", "b");
        writeFile("stale.safetensors", "a");
        SafetensorsWriter.writeShardedIndex(dir, Map.of("a", "s1.safetensors", "b", "s1.safetensors"), 16);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            assertEquals(List.of(dir.resolve("s1.safetensors")), ckpt.files());
        }
    }

    @Test
    void duplicateTensorAcrossFilesIsRefused() {
        writeFile("a.safetensors", "w");
        writeFile("b.safetensors", "w");
        assertRefused(dir, "'w'", "a.safetensors", "b.safetensors", "each tensor once");
    }

    @Test
    void pickleOnlyDirectoryIsRefusedByName() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        Files.write(dir.resolve("extra.pth"), new byte[] {(byte) 0x80, 2});
        assertRefused(dir, "[extra.pth, pytorch_model.bin]", "never reads pickle", "safe_serialization=True",
                "from_pretrained('" + dir.toAbsolutePath() + "')");
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("nope");
        assertRefused(missing, missing.toAbsolutePath().toString(), "does not exist");
    }

    @Test
    void fileInsteadOfDirectory() throws IOException {
        writeFile("model.safetensors", "w");
        assertRefused(dir.resolve("model.safetensors"), "is a file, not a directory");
    }

    @Test
    void directoryWithoutWeights() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        assertRefused(dir, "holds no weights", "[config.json]", "model.safetensors");
    }

    @Test
    void indexNamingAMissingShard() {
        writeFile("s1.safetensors", "a");
        SafetensorsWriter.writeShardedIndex(dir,
                Map.of("a", "s1.safetensors", "b", "s2.safetensors", "c", "s2.safetensors"), 24);
        assertRefused(dir, ShardIndex.FILE_NAME, "names shard s2.safetensors for 2 tensors", "does not exist",
                "Re-download");
    }

    @Test
    void indexNamingATensorNotInItsShard() {
        writeFile("s1.safetensors", "model.norm.weight");
        SafetensorsWriter.writeShardedIndex(dir, Map.of("model.norm.weights", "s1.safetensors"), 8);
        assertRefused(dir, "maps tensor 'model.norm.weights' to s1.safetensors", "no such tensor",
                "[model.norm.weight]");
    }

    @Test
    void indexShardEscapingTheDirectoryIsRefused() {
        Path inner = dir.resolve("model");
        writeFile("outside.safetensors", "a");
        try {
            Files.createDirectory(inner);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        SafetensorsWriter.writeShardedIndex(inner, Map.of("a", "../outside.safetensors"), 8);
        assertRefused(inner, "\"../outside.safetensors\"", "outside the checkpoint directory");
        SafetensorsWriter.writeShardedIndex(inner, Map.of("a", dir.resolve("outside.safetensors").toString()), 8);
        assertRefused(inner, "outside the checkpoint directory");
    }

    @Test
    void malformedIndex() throws IOException {
        writeFile("s1.safetensors", "a");
        Files.writeString(dir.resolve(ShardIndex.FILE_NAME), "{\"metadata\": {}}");
        assertRefused(dir, ShardIndex.FILE_NAME, "no \"weight_map\"");
        Files.writeString(dir.resolve(ShardIndex.FILE_NAME), "{\"weight_map\": {\"a\": 3}}");
        assertRefused(dir, "maps tensor 'a' to 3");
    }

    @Test
    void corruptShardNamesTheShard() throws IOException {
        writeFile("s1.safetensors", "a");
        Files.write(dir.resolve("s2.safetensors"), new byte[] {1, 2, 3});
        SafetensorsWriter.writeShardedIndex(dir, Map.of("a", "s1.safetensors", "b", "s2.safetensors"), 8);
        assertRefused(dir, "s2.safetensors", "is 3 bytes");
    }

    @Test
    void unknownTensorSuggestsSimilarNames() {
        writeFile("model.safetensors", "model.layers.0.mlp.up_proj.weight", "model.layers.0.mlp.down_proj.weight",
                "lm_head.weight");
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                    () -> ckpt.info("model.layers.0.mlp.up_proj.weights"));
            assertTrue(e.getMessage().contains("no tensor 'model.layers.0.mlp.up_proj.weights'"), e.getMessage());
            assertTrue(e.getMessage().contains("[model.layers.0.mlp.up_proj.weight, model.layers.0.mlp.down_proj.weight"),
                    e.getMessage());
        }
    }
}
