package io.sparkinfer.engine.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code model.safetensors.index.json} of a sharded checkpoint: which shard file holds each tensor, and the
 * total tensor bytes. Shapes are not in the index; they come from the shard headers.
 *
 * @param totalSize {@code metadata.total_size}, or -1 if the index does not give it
 * @param weightMap tensor name to shard file name (relative to the checkpoint directory), sorted by name
 */
public record ShardIndex(long totalSize, Map<String, String> weightMap) {

    public static final String FILE_NAME = "model.safetensors.index.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ShardIndex {
        if (totalSize < -1) {
            throw new IllegalArgumentException("total_size must be >= 0 (or -1 for unknown) but is " + totalSize);
        }
        weightMap = Collections.unmodifiableMap(new TreeMap<>(weightMap));
    }

    /** Reads and checks the index's structure (not that the shards exist; {@link Checkpoint} does that). */
    public static ShardIndex read(Path indexFile) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(indexFile, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw bad(indexFile, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard index " + indexFile + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw bad(indexFile, "must be a JSON object");
        }
        JsonNode map = root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw bad(indexFile, "has no \"weight_map\" object naming the shard of each tensor (got " + map + ")");
        }
        Map<String, String> weightMap = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isTextual() || e.getValue().textValue().isEmpty()) {
                throw bad(indexFile, "maps tensor '" + e.getKey() + "' to " + e.getValue() + ", not a shard file name");
            }
            weightMap.put(e.getKey(), e.getValue().textValue());
        }
        JsonNode size = root.path("metadata").path("total_size");
        long totalSize = size.isIntegralNumber() && size.canConvertToLong() && size.longValue() >= 0
                ? size.longValue() : -1;
        return new ShardIndex(totalSize, weightMap);
    }

    /** Writes {@code dir/model.safetensors.index.json} atomically. */
    public void write(Path dir) {
        ObjectNode root = JSON.createObjectNode();
        if (totalSize >= 0) {
            root.putObject("metadata").put("total_size", totalSize);
        }
        ObjectNode map = root.putObject("weight_map");
        weightMap.forEach(map::put);
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("[BUG] cannot serialize a shard index: " + e.getMessage(), e);
        }
        AtomicFiles.write(dir.resolve(FILE_NAME), channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    private static CheckpointFormatException bad(Path indexFile, String problem) {
        return new CheckpointFormatException("shard index " + indexFile + " " + problem
                + "; re-download the checkpoint or re-create the index");
    }
}
