package io.sparkinfer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.host.Bf16;
import io.sparkinfer.kernels.host.Fp16;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer then reader: values, layout, metadata and streaming. */
class SafetensorsRoundTripTest {

    @TempDir Path dir;

    /** Random floats plus the awkward ones: signed zeros, subnormals, infinities, NaN, extremes. */
    private static float[] awkwardFloats(int n, long seed) {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7F80_0001), 65504f, 6.1e-5f, 1f / 3};
        float[] values = new float[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            values[i] = i < special.length ? special[i] : (float) random.nextGaussian() * (float) Math.pow(10, i % 7 - 3);
        }
        return values;
    }

    private static float[] readAll(Path file, String name) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.tensor(name).toFloatArray();
        }
    }

    @Test
    void f32RoundTripsBitExactlyAndF64Exactly() {
        float[] values = awkwardFloats(300, 1);
        Path file = dir.resolve("f.safetensors");
        new SafetensorsWriter().add("a", DType.F32, new long[] {3, 100}, values)
                .add("b", DType.F64, new long[] {300}, values).write(file);
        float[] f32 = readAll(file, "a");
        float[] f64 = readAll(file, "b");
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(f32[i]), "a[" + i + "]");
            // via double a NaN keeps NaN-ness, not necessarily its payload; assertEquals(float, float) checks that
            assertEquals(values[i], f64[i], "b[" + i + "]");
        }
    }

    @Test
    void bf16AndF16StoreTheNearestValue() {
        float[] values = awkwardFloats(500, 2);
        Path file = dir.resolve("h.safetensors");
        new SafetensorsWriter().add("bf", DType.BF16, new long[] {500}, values)
                .add("h", DType.F16, new long[] {5, 100}, values).write(file);
        float[] bf = readAll(file, "bf");
        float[] h = readAll(file, "h");
        for (int i = 0; i < values.length; i++) {
            assertEquals(Bf16.fromFloat(values[i]), Bf16.fromFloat(bf[i]), "bf16[" + i + "]");
            assertEquals(Bf16.toFloat(Bf16.fromFloat(values[i])), bf[i], "bf16[" + i + "]");
            assertEquals(Fp16.toFloat(Fp16.fromFloat(values[i])), h[i], "f16[" + i + "]");
        }
    }

    @Test
    void representableBf16AndF16ValuesRoundTripExactly() {
        Random random = new Random(3);
        float[] values = new float[4096];
        for (int i = 0; i < values.length; i++) {
            // finite values representable in both: a half with a random pattern (never inf/NaN), widened
            int half = random.nextInt(0x7C00) | (random.nextBoolean() ? 0x8000 : 0);
            values[i] = Fp16.toFloat((short) half);
        }
        Path file = dir.resolve("exact.safetensors");
        new SafetensorsWriter().add("h", DType.F16, new long[] {4096}, values).write(file);
        assertArrayEquals(values, readAll(file, "h"));
        float[] bfValues = values.clone();
        for (int i = 0; i < bfValues.length; i++) {
            bfValues[i] = Bf16.toFloat(Bf16.fromFloat(bfValues[i]));
        }
        new SafetensorsWriter().add("b", DType.BF16, new long[] {64, 64}, bfValues).write(file);
        assertArrayEquals(bfValues, readAll(file, "b"));
    }

    @Test
    void integerTensorsReadAsLongs() {
        Path file = dir.resolve("ints.safetensors");
        new SafetensorsWriter()
                .addRaw("i64", DType.I64, new long[] {2}, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, -2, -1, -1, -1, -1, -1, -1, -1})
                .addRaw("i32", DType.I32, new long[] {1}, new byte[] {0, 0, 0, (byte) 0x80})
                .addRaw("i16", DType.I16, new long[] {1}, new byte[] {(byte) 0xFF, 0x7F})
                .addRaw("i8", DType.I8, new long[] {2}, new byte[] {-128, 127})
                .addRaw("u8", DType.U8, new long[] {2}, new byte[] {(byte) 255, 7})
                .addRaw("flags", DType.BOOL, new long[] {3}, new byte[] {0, 1, 1})
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new long[] {1, -2}, f.tensor("i64").toLongArray());
            assertArrayEquals(new long[] {Integer.MIN_VALUE}, f.tensor("i32").toLongArray());
            assertArrayEquals(new long[] {Short.MAX_VALUE}, f.tensor("i16").toLongArray());
            assertArrayEquals(new long[] {-128, 127}, f.tensor("i8").toLongArray());
            assertArrayEquals(new long[] {255, 7}, f.tensor("u8").toLongArray());
            assertArrayEquals(new long[] {0, 1, 1}, f.tensor("flags").toLongArray());
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> f.tensor("i64").getFloat(0));
            String expected = "tensor 'i64' in " + file + " has dtype I64; sparkinfer reads weights only as BF16, F16"
                    + " or F32 (and F64)";
            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        }
    }

    @Test
    void layoutIsSortedContiguousAndHeaderAligned() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        new SafetensorsWriter().metadata(Map.of("format", "pt"))
                .add("z", DType.F32, new long[] {3}, new float[3])
                .add("a", DType.BF16, new long[] {5}, new float[5])
                .add("m", DType.F16, new long[0], new float[1])
                .write(file);
        long headerLength = RawSafetensors.headerLength(file);
        assertEquals(0, (8 + headerLength) % 8, "8 + header length must be 8-byte aligned");
        String header = new String(Files.readAllBytes(file), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"}"), header);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(List.of("a", "m", "z"), new ArrayList<>(f.tensors().keySet()));
            long dataStart = 8 + headerLength;
            assertEquals(dataStart, f.info("a").dataBegin());
            assertEquals(f.info("a").dataEnd(), f.info("m").dataBegin());
            assertEquals(f.info("m").dataEnd(), f.info("z").dataBegin());
            assertEquals(Files.size(file), f.info("z").dataEnd());
            assertEquals("[]", f.info("m").shapeString());
        }
    }

    @Test
    void sourceIsStreamedInChunksAndNoTemporaryFileRemains() throws IOException {
        long n = 300_000; // several writer chunks
        List<long[]> calls = new ArrayList<>();
        TensorSource ramp = (start, dst, count) -> {
            calls.add(new long[] {start, count});
            for (int i = 0; i < count; i++) {
                dst[i] = (start + i) % 256; // exact in bf16
            }
        };
        Path file = dir.resolve("big.safetensors");
        long size = new SafetensorsWriter().add("ramp", DType.BF16, new long[] {n}, ramp).write(file);
        assertEquals(Files.size(file), size);
        long covered = 0;
        for (long[] call : calls) {
            assertEquals(covered, call[0], "chunks must be consecutive");
            assertTrue(call[1] <= 1 << 16, "chunk of " + call[1] + " elements is not streaming");
            covered += call[1];
        }
        assertEquals(n, covered);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TensorData data = f.tensor("ramp");
            for (long i : new long[] {0, 65535, 65536, 123_457, n - 1}) {
                assertEquals(i % 256, data.getFloat(i), "element " + i);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writerRejectsBadInput() {
        SafetensorsWriter writer = new SafetensorsWriter().add("a", DType.F32, new long[] {1}, new float[1]);
        assertThrows(IllegalArgumentException.class, () -> writer.add("a", DType.F32, new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class,
                () -> writer.add("__metadata__", DType.F32, new long[] {1}, new float[1]));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> writer.add("b", DType.F32, new long[] {2, 3}, new float[5]));
        assertTrue(count.getMessage().contains("[2, 3] = 6 elements but 5"), count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.add("c", DType.I32, new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> writer.addRaw("d", DType.I32, new long[] {2}, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> writer.add("e", DType.F32, new long[] {-1}, new float[0]));
    }

    @Test
    void shardedIndexRoundTrips() {
        SafetensorsWriter.writeShardedIndex(dir, Map.of("b", "s2.safetensors", "a", "s1.safetensors"), 1234);
        ShardIndex index = ShardIndex.read(dir.resolve(ShardIndex.FILE_NAME));
        assertEquals(1234, index.totalSize());
        assertEquals(List.of("a", "b"), new ArrayList<>(index.weightMap().keySet()));
        assertEquals("s2.safetensors", index.weightMap().get("b"));
    }
}
