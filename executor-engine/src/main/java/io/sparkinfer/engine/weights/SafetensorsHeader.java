package io.sparkinfer.engine.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parsed and fully validated JSON header of one safetensors file. Every entry is checked here, before any
 * tensor data is read: types, dtypes, shapes, offsets within the data region, and no overlaps.
 *
 * @param tensors entries sorted by name
 * @param metadata the optional {@code __metadata__} map (empty if absent)
 */
record SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {

    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    SafetensorsHeader {
        tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Parses {@code headerBytes}, which sit at file offset 8; tensor data starts right after them and runs to
     * {@code fileSize}.
     */
    static SafetensorsHeader parse(Path file, byte[] headerBytes, long fileSize) {
        JsonNode root = parseJson(file, headerBytes);
        long dataStart = 8L + headerBytes.length;
        long dataRegion = fileSize - dataStart;
        Map<String, TensorInfo> tensors = new TreeMap<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                TensorInfo info = parseEntry(file, field.getKey(), field.getValue(), dataStart, dataRegion);
                tensors.put(info.name(), info);
            }
        }
        checkNoOverlap(file, tensors.values(), dataStart);
        return new SafetensorsHeader(tensors, metadata);
    }

    private static JsonNode parseJson(Path file, byte[] headerBytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(headerBytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw CheckpointFormatException.inFile(file, null,
                    "the " + headerBytes.length + "-byte header is not valid UTF-8", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw CheckpointFormatException.inFile(file, null,
                    "the " + headerBytes.length + "-byte header is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            String got = root == null || root.isMissingNode()
                    ? "empty" : "a JSON " + root.getNodeType().toString().toLowerCase(Locale.ROOT);
            throw CheckpointFormatException.inFile(file, null, "the header must be a JSON object but is " + got);
        }
        return root;
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw CheckpointFormatException.inFile(file, null,
                    METADATA_KEY + " must be an object of strings but is " + node);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw CheckpointFormatException.inFile(file, null,
                        METADATA_KEY + " value for key '" + e.getKey() + "' must be a string but is " + e.getValue());
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode entry, long dataStart, long dataRegion) {
        if (!entry.isObject()) {
            throw CheckpointFormatException.inFile(file, name, "entry must be an object but is " + entry);
        }
        JsonNode dtypeNode = required(file, name, entry, "dtype");
        if (!dtypeNode.isTextual()) {
            throw CheckpointFormatException.inFile(file, name, "dtype must be a string but is " + dtypeNode);
        }
        DType dtype = DType.parse(dtypeNode.textValue(), file, name);
        long[] shape = longArray(file, name, required(file, name, entry, "shape"), "shape");
        long[] offsets = longArray(file, name, required(file, name, entry, "data_offsets"), "data_offsets");
        if (offsets.length != 2) {
            throw CheckpointFormatException.inFile(file, name,
                    "data_offsets must be [begin, end] but has " + offsets.length + " values " + entry.get("data_offsets"));
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw CheckpointFormatException.inFile(file, name,
                    "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long expectedBytes = expectedBytes(file, name, dtype, shape);
        if (end - begin != expectedBytes) {
            throw CheckpointFormatException.inFile(file, name, "wrong dtype size: data_offsets [" + begin + ", " + end
                    + "] span " + (end - begin) + " bytes but " + dtype + " shape " + Arrays.toString(shape)
                    + " needs " + expectedBytes + " (" + expectedBytes / dtype.byteSize() + " elements x " + dtype.byteSize()
                    + " bytes)");
        }
        if (end > dataRegion) {
            throw CheckpointFormatException.inFile(file, name, "data_offsets [" + begin + ", " + end
                    + "] run past the end of the data region, which holds " + dataRegion + " bytes (file is "
                    + (dataStart + dataRegion) + " bytes, data starts at " + dataStart + "); the file looks truncated");
        }
        return new TensorInfo(name, dtype, shape, dataStart + begin, dataStart + end, file);
    }

    private static JsonNode required(Path file, String name, JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            throw CheckpointFormatException.inFile(file, name, "entry has no \"" + key + "\" (entry is " + entry + ")");
        }
        return value;
    }

    /** A JSON array of non-negative integers that fit in a long. */
    private static long[] longArray(Path file, String name, JsonNode node, String key) {
        if (!node.isArray()) {
            throw CheckpointFormatException.inFile(file, name, key + " must be an array of integers but is " + node);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw CheckpointFormatException.inFile(file, name,
                        key + "[" + i + "] must be an integer that fits in 64 bits but is " + v + " in " + node);
            }
            values[i] = v.longValue();
            if (values[i] < 0) {
                throw CheckpointFormatException.inFile(file, name, key + "[" + i + "] is negative (" + values[i]
                        + ") in " + node);
            }
        }
        return values;
    }

    private static long expectedBytes(Path file, String name, DType dtype, long[] shape) {
        try {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return Math.multiplyExact(n, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw CheckpointFormatException.inFile(file, name, "shape " + Arrays.toString(shape) + " of "
                    + dtype + " overflows: the byte count does not fit in 64 bits");
        }
    }

    /** Sorted by begin (then end), each tensor must end at or before the next one begins. */
    private static void checkNoOverlap(Path file, Iterable<TensorInfo> tensors, long dataStart) {
        List<TensorInfo> byOffset = new ArrayList<>();
        tensors.forEach(byOffset::add);
        byOffset.sort(Comparator.comparingLong(TensorInfo::dataBegin).thenComparingLong(TensorInfo::dataEnd));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo prev = byOffset.get(i - 1);
            TensorInfo cur = byOffset.get(i);
            if (prev.dataEnd() > cur.dataBegin()) {
                throw CheckpointFormatException.inFile(file, cur.name(), "data_offsets " + relative(cur, dataStart)
                        + " overlap those of tensor '" + prev.name() + "' " + relative(prev, dataStart));
            }
        }
    }

    private static String relative(TensorInfo t, long dataStart) {
        return "[" + (t.dataBegin() - dataStart) + ", " + (t.dataEnd() - dataStart) + "]";
    }
}
