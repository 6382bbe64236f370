package io.sparkinfer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tensor mapped as many small chunks reads exactly like the same tensor mapped whole. */
class TensorDataChunkingTest {

    private static final long[] SHAPE = {13, 7}; // 91 elements, 7 per row

    @TempDir Path dir;

    private Path write(DType dtype, float[] values) {
        Path file = dir.resolve(dtype + ".safetensors");
        // An odd-sized tensor first, so the tensor under test starts at an unaligned file offset.
        new SafetensorsWriter().addRaw("a_pad", DType.U8, new long[] {3}, new byte[] {9, 9, 9})
                .add("w", dtype, SHAPE, values).write(file);
        return file;
    }

    private static float[] randomValues() {
        Random random = new Random(42);
        float[] values = new float[(int) (SHAPE[0] * SHAPE[1])];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static TensorData map(Path file, long chunkBytes) throws IOException {
        TensorInfo info;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            info = f.info("w");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new TensorData(info, channel, chunkBytes);
        }
    }

    @Test
    void chunksHoldWholeRowsWhenARowFits() throws IOException {
        Path file = write(DType.F32, randomValues());
        assertEquals(1, map(file, TensorData.DEFAULT_CHUNK_BYTES).chunkCount());
        TensorData chunked = map(file, 3 * 7 * 4 + 5); // room for 3 rows and a bit: 3 rows per chunk
        assertEquals(5, chunked.chunkCount()); // ceil(13 / 3)
        List<ByteBuffer> chunks = chunked.byteChunks();
        assertEquals(3 * 7 * 4, chunks.get(0).remaining());
        assertEquals(7 * 4, chunks.get(4).remaining());
    }

    @Test
    void rowLargerThanAChunkFallsBackToWholeElements() throws IOException {
        Path file = write(DType.BF16, randomValues());
        TensorData chunked = map(file, 10); // 5 bf16 elements per chunk, rows of 7 do not fit
        assertEquals(19, chunked.chunkCount()); // ceil(91 / 5)
        assertArrayEquals(map(file, TensorData.DEFAULT_CHUNK_BYTES).toFloatArray(), chunked.toFloatArray());
    }

    @Test
    void everyRangeReadsTheSameChunkedAndWhole() throws IOException {
        for (DType dtype : List.of(DType.F32, DType.BF16, DType.F16, DType.F64)) {
            Path file = write(dtype, randomValues());
            TensorData whole = map(file, TensorData.DEFAULT_CHUNK_BYTES);
            float[] expected = whole.toFloatArray();
            for (long chunkBytes : new long[] {8, 7 * 8, 3 * 7 * 8 + 1, 100}) {
                TensorData chunked = map(file, chunkBytes);
                assertTrue(chunked.chunkCount() > 1, dtype + " chunk " + chunkBytes);
                assertArrayEquals(expected, chunked.toFloatArray(), dtype + " chunk " + chunkBytes);
                for (int first = 0; first < expected.length; first += 5) {
                    for (int count : new int[] {0, 1, 6, 13, expected.length - first}) {
                        if (first + count > expected.length) {
                            continue;
                        }
                        float[] dst = new float[count + 2];
                        chunked.readFloats(first, dst, 1, count);
                        for (int i = 0; i < count; i++) {
                            assertEquals(expected[first + i], dst[1 + i], dtype + " @" + (first + i) + " chunk " + chunkBytes);
                        }
                        assertEquals(0f, dst[0]);
                        assertEquals(0f, dst[count + 1]);
                    }
                    assertEquals(expected[first], chunked.getFloat(first));
                }
            }
        }
    }

    @Test
    void readsOutsideTheTensorAreRefused() throws IOException {
        TensorData data = map(write(DType.F32, randomValues()), 40);
        assertThrows(IndexOutOfBoundsException.class, () -> data.readFloats(90, new float[2], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> data.getFloat(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> data.readFloats(0, new float[2], 1, 2));
        assertEquals(data.toFloatArray()[90], data.getFloat(90));
    }
}
