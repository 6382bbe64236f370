package io.sparkinfer.engine.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds a safetensors file: tensors in sorted-name order, contiguous, after a space-padded header whose end
 * is 8-byte aligned. Values from a {@link TensorSource} are streamed in small chunks, so models larger than
 * the heap can be written. The file appears atomically (temporary sibling, then rename).
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_ELEMENTS = 1 << 16;
    private static final int BUFFER_BYTES = 1 << 20; // holds CHUNK_ELEMENTS of the widest dtype (F64)

    /** One tensor to write: exactly one of {@code values} and {@code raw} is set. */
    private record Entry(String name, DType dtype, long[] shape, long numElements, TensorSource values, byte[] raw) {}

    private final Map<String, Entry> entries = new TreeMap<>();
    private Map<String, String> metadata = Map.of();

    /** Sets the header's {@code __metadata__} (e.g. {@code {"format": "pt"}}); written only if non-empty. */
    public SafetensorsWriter metadata(Map<String, String> metadata) {
        this.metadata = new LinkedHashMap<>(metadata);
        return this;
    }

    /** Adds a float tensor (BF16, F16, F32 or F64) whose values {@code source} streams on write. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, TensorSource source) {
        Objects.requireNonNull(source, "source");
        if (!dtype.readableAsFloat()) {
            throw new IllegalArgumentException("tensor '" + name + "': cannot write float values as " + dtype
                    + "; use addRaw for integer, BOOL and fp8 tensors");
        }
        put(new Entry(name, dtype, shape.clone(), elementCount(name, shape), source, null));
        return this;
    }

    /** Adds a float tensor from an array of exactly {@code prod(shape)} values. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
        long n = elementCount(name, shape);
        if (values.length != n) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape) + " = " + n
                    + " elements but " + values.length + " values were given");
        }
        float[] copy = values.clone();
        return add(name, dtype, shape, (start, dst, count) -> System.arraycopy(copy, (int) start, dst, 0, count));
    }

    /** Adds a tensor of any dtype from its little-endian bytes, exactly {@code prod(shape) * dtype size}. */
    public SafetensorsWriter addRaw(String name, DType dtype, long[] shape, byte[] bytes) {
        long n = elementCount(name, shape);
        if (bytes.length != n * dtype.byteSize()) {
            throw new IllegalArgumentException("tensor '" + name + "' " + dtype + Arrays.toString(shape) + " needs "
                    + n * dtype.byteSize() + " bytes but " + bytes.length + " were given");
        }
        put(new Entry(name, dtype, shape.clone(), n, null, bytes.clone()));
        return this;
    }

    /** Bytes of tensor data the file will hold (the {@code total_size} of a sharded index). */
    public long dataBytes() {
        long total = 0;
        for (Entry e : entries.values()) {
            total = Math.addExact(total, e.numElements() * e.dtype().byteSize());
        }
        return total;
    }

    /** Writes the file atomically; returns its size in bytes. */
    public long write(Path file) {
        byte[] header = header();
        long expectedSize = 8L + header.length + dataBytes();
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(header.length);
            writeBytes(channel, buffer, header);
            for (Entry e : entries.values()) {
                if (e.raw() != null) {
                    writeBytes(channel, buffer, e.raw());
                } else {
                    writeValues(channel, buffer, e);
                }
            }
            flush(channel, buffer);
            if (channel.position() != expectedSize) {
                throw new IllegalStateException("[BUG] wrote " + channel.position() + " bytes to " + file + ", expected "
                        + expectedSize);
            }
        });
        return expectedSize;
    }

    /** Writes {@code model.safetensors.index.json} into {@code dir} mapping each tensor to its shard file. */
    public static void writeShardedIndex(Path dir, Map<String, String> weightMap, long totalSize) {
        new ShardIndex(totalSize, weightMap).write(dir);
    }

    /** The JSON header, padded with spaces so that 8 + its length is a multiple of 8. */
    private byte[] header() {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry e : entries.values()) {
            long end = offset + e.numElements() * e.dtype().byteSize();
            ObjectNode node = root.putObject(e.name());
            node.put("dtype", e.dtype().headerName());
            Arrays.stream(e.shape()).forEach(node.putArray("shape")::add);
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = json.length + (8 - (8 + json.length) % 8) % 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeValues(FileChannel channel, ByteBuffer buffer, Entry e) throws IOException {
        float[] chunk = new float[(int) Math.min(CHUNK_ELEMENTS, e.numElements())];
        for (long start = 0; start < e.numElements(); start += chunk.length) {
            int n = (int) Math.min(chunk.length, e.numElements() - start);
            if (buffer.remaining() < n * e.dtype().byteSize()) {
                flush(channel, buffer);
            }
            e.values().fill(start, chunk, n);
            FloatCodec.encode(e.dtype(), chunk, 0, n, buffer);
        }
    }

    private static void writeBytes(FileChannel channel, ByteBuffer buffer, byte[] bytes) throws IOException {
        for (int done = 0; done < bytes.length; ) {
            if (!buffer.hasRemaining()) {
                flush(channel, buffer);
            }
            int n = Math.min(buffer.remaining(), bytes.length - done);
            buffer.put(bytes, done, n);
            done += n;
        }
    }

    private static void flush(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private void put(Entry entry) {
        if (entry.name().isEmpty() || entry.name().equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("'" + entry.name() + "' cannot be a tensor name");
        }
        if (entries.putIfAbsent(entry.name(), entry) != null) {
            throw new IllegalArgumentException("tensor '" + entry.name() + "' was added twice");
        }
    }

    private static long elementCount(String name, long[] shape) {
        Objects.requireNonNull(name, "name");
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension in "
                        + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        Math.multiplyExact(n, 8); // every dtype's byte count must fit in a long too
        return n;
    }
}
