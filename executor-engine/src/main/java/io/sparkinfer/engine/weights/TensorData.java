package io.sparkinfer.engine.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One tensor's bytes, memory-mapped read-only and little-endian. A MappedByteBuffer holds at most 2 GiB, so
 * the tensor is mapped as chunks of at most 1 GiB, each a whole number of rows (or of elements when a single
 * row is larger than a chunk). Reads work across chunk borders. Thread-safe: reads use absolute offsets.
 */
public final class TensorData {

    static final long DEFAULT_CHUNK_BYTES = 1L << 30;
    /** Java arrays cannot safely be larger than this. */
    static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final TensorInfo info;
    private final List<ByteBuffer> chunks;
    private final long chunkElements;

    /** Maps {@code info}'s bytes in chunks of at most {@code chunkByteLimit} bytes (small limits are for tests). */
    TensorData(TensorInfo info, FileChannel channel, long chunkByteLimit) {
        int elementBytes = info.dtype().byteSize();
        if (chunkByteLimit < elementBytes || chunkByteLimit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("[BUG] chunk limit " + chunkByteLimit + " must hold one "
                    + info.dtype() + " element and fit a MappedByteBuffer");
        }
        this.info = info;
        this.chunkElements = chunkElements(info, chunkByteLimit / elementBytes);
        long total = info.numElements();
        List<ByteBuffer> mapped = new ArrayList<>();
        try {
            for (long first = 0; first < total; first += chunkElements) {
                long bytes = Math.min(chunkElements, total - first) * elementBytes;
                ByteBuffer chunk = channel.map(FileChannel.MapMode.READ_ONLY, info.dataBegin() + first * elementBytes, bytes);
                mapped.add(chunk.order(ByteOrder.LITTLE_ENDIAN));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map tensor '" + info.name() + "' (" + info.byteSize() + " bytes at "
                    + info.dataBegin() + ") of " + info.file() + ": " + e.getMessage(), e);
        }
        this.chunks = List.copyOf(mapped);
    }

    static TensorData map(TensorInfo info, FileChannel channel) {
        return new TensorData(info, channel, DEFAULT_CHUNK_BYTES);
    }

    /** Whole rows per chunk when a row fits, so a chunk never splits a row; else whole elements. */
    private static long chunkElements(TensorInfo info, long maxElements) {
        long rowElements = 1;
        for (int axis = 1; axis < info.rank(); axis++) {
            rowElements *= info.dim(axis); // cannot overflow: numElements() was checked when the header was parsed
        }
        if (rowElements == 0 || rowElements > maxElements) {
            return maxElements;
        }
        return maxElements / rowElements * rowElements;
    }

    public TensorInfo info() {
        return info;
    }

    /** How many buffers the bytes are mapped as. */
    int chunkCount() {
        return chunks.size();
    }

    /** The mapped bytes, in order: read-only little-endian views, for copying raw weights to a device. */
    public List<ByteBuffer> byteChunks() {
        List<ByteBuffer> views = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            views.add(chunk.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
        return views;
    }

    /** All elements as floats (BF16, F16, F32 exact; F64 rounded to float). */
    public float[] toFloatArray() {
        requireFloat();
        long n = info.numElements();
        if (n > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("tensor '" + info.name() + "' " + info.shapeString() + " in " + info.file()
                    + " has " + n + " elements, more than a Java array holds (" + MAX_ARRAY_LENGTH
                    + "); read it in parts with readFloats");
        }
        float[] values = new float[(int) n];
        readFloats(0, values, 0, values.length);
        return values;
    }

    /** Reads elements {@code [firstElement, firstElement + count)} into {@code dst[dstOffset..]}. */
    public void readFloats(long firstElement, float[] dst, int dstOffset, int count) {
        requireFloat();
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        checkElementRange(firstElement, count);
        int done = 0;
        while (done < count) {
            long element = firstElement + done;
            int chunk = (int) (element / chunkElements);
            long inChunk = element - chunk * chunkElements;
            int n = (int) Math.min(count - done, chunkElements - inChunk);
            if (n <= 0 || inChunk < 0) {
                throw new IllegalStateException("[BUG] element " + element + " maps to chunk " + chunk + " offset "
                        + inChunk + " of " + chunkElements + " in tensor '" + info.name() + "'");
            }
            int byteOffset = (int) (inChunk * info.dtype().byteSize());
            FloatCodec.decode(info.dtype(), chunks.get(chunk), byteOffset, dst, dstOffset + done, n);
            done += n;
        }
    }

    /** One element as a float. */
    public float getFloat(long index) {
        float[] one = new float[1];
        readFloats(index, one, 0, 1);
        return one[0];
    }

    /** All elements of an integer or BOOL tensor as longs (U8 unsigned, BOOL as 0 or 1). */
    public long[] toLongArray() {
        if (!info.dtype().readableAsInteger()) {
            throw new CheckpointFormatException("tensor '" + info.name() + "' in " + info.file() + " has dtype "
                    + info.dtype() + "; toLongArray reads only I64, I32, I16, I8, U8 or BOOL (use toFloatArray for floats)");
        }
        long n = info.numElements();
        if (n > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("tensor '" + info.name() + "' in " + info.file() + " has " + n
                    + " elements, more than a Java array holds (" + MAX_ARRAY_LENGTH + ")");
        }
        long[] values = new long[(int) n];
        for (int i = 0; i < values.length; i++) {
            int chunk = (int) (i / chunkElements);
            int byteOffset = (int) ((i - chunk * chunkElements) * info.dtype().byteSize());
            values[i] = readInteger(chunks.get(chunk), byteOffset);
        }
        return values;
    }

    private long readInteger(ByteBuffer chunk, int at) {
        return switch (info.dtype()) {
            case I64 -> chunk.getLong(at);
            case I32 -> chunk.getInt(at);
            case I16 -> chunk.getShort(at);
            case I8 -> chunk.get(at);
            case U8 -> chunk.get(at) & 0xFF;
            case BOOL -> chunk.get(at) != 0 ? 1 : 0;
            default -> throw new IllegalStateException("[BUG] readInteger called for dtype " + info.dtype());
        };
    }

    private void requireFloat() {
        if (!info.dtype().readableAsFloat()) {
            throw new CheckpointFormatException("tensor '" + info.name() + "' in " + info.file() + " has dtype "
                    + info.dtype() + "; sparkinfer reads weights only as BF16, F16 or F32 (and F64). Convert the checkpoint"
                    + " to bf16 (e.g. load it in transformers with torch_dtype=torch.bfloat16 and save_pretrained it)");
        }
    }

    private void checkElementRange(long firstElement, int count) {
        long total = info.numElements();
        if (firstElement < 0 || count < 0 || firstElement > total - count) {
            throw new IndexOutOfBoundsException("elements [" + firstElement + ", " + (firstElement + count)
                    + ") are outside tensor '" + info.name() + "' " + info.shapeString() + " of " + total + " elements");
        }
    }
}
