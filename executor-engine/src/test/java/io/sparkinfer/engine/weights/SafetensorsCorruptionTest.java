package io.sparkinfer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed file is refused at open, with the file, tensor, numbers and the fix in the message. */
class SafetensorsCorruptionTest {

    @TempDir Path dir;

    private Path file() {
        return dir.resolve("model.safetensors");
    }

    /** Opens {@code file}, expecting a format error whose message holds the file name, hint and fragments. */
    private static String assertRefused(Path file, String... fragments) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsFile.open(file));
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), "file name missing: " + message);
        assertTrue(message.contains("re-download or re-export the checkpoint"), "fix missing: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' missing: " + message);
        }
        return message;
    }

    private static String entry(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Files.write(file(), new byte[] {1, 2, 3, 4, 5});
        assertRefused(file(), "is 5 bytes", "8-byte header length");
    }

    @Test
    void headerLengthZero() throws IOException {
        RawSafetensors.write(file(), 0, new byte[0], 16);
        assertRefused(file(), "header length 0 ");
    }

    @Test
    void headerLengthAbsurd() throws IOException {
        RawSafetensors.write(file(), 1L << 40, "{}".getBytes(StandardCharsets.UTF_8), 0);
        assertRefused(file(), "header length 1099511627776", "100000000");
    }

    @Test
    void headerLengthWithTheTopBitSetIsReadUnsigned() throws IOException {
        RawSafetensors.write(file(), -1L, "{}".getBytes(StandardCharsets.UTF_8), 0);
        assertRefused(file(), "header length 18446744073709551615");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() throws IOException {
        RawSafetensors.write(file(), 1000, "{}".getBytes(StandardCharsets.UTF_8), 10);
        assertRefused(file(), "header length 1000 runs past the end of the file", "8 + 1000 > 20 bytes");
    }

    @Test
    void dataCutShort() throws IOException {
        new SafetensorsWriter().add("a", DType.F32, new long[] {4, 4}, new float[16])
                .add("b", DType.F32, new long[] {2, 8}, new float[16]).write(file());
        long size = Files.size(file());
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.setLength(size - 10);
        }
        assertRefused(file(), "tensor 'b'", "data_offsets [64, 128]", "holds 118 bytes", "truncated");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        RawSafetensors.write(file(), "{" + entry("w", "F32", "[4]", "[64,80]") + "}", 64);
        assertRefused(file(), "tensor 'w'", "data_offsets [64, 80]", "holds 64 bytes");
    }

    @Test
    void overlappingOffsets() throws IOException {
        String header = "{" + entry("first", "F32", "[4]", "[0,16]") + "," + entry("second", "F32", "[4]", "[8,24]")
                + "}";
        RawSafetensors.write(file(), header, 24);
        assertRefused(file(), "tensor 'second'", "[8, 24]", "overlap", "'first' [0, 16]");
    }

    @Test
    void wrongDtypeSize() throws IOException {
        RawSafetensors.write(file(), "{" + entry("w", "F32", "[2, 3]", "[0,12]") + "}", 24);
        assertRefused(file(), "tensor 'w'", "wrong dtype size", "span 12 bytes",
                "F32 shape [2, 3] needs 24 (6 elements x 4 bytes)");
    }

    @Test
    void endBeforeBegin() throws IOException {
        RawSafetensors.write(file(), "{" + entry("w", "F32", "[0]", "[16,0]") + "}", 16);
        assertRefused(file(), "tensor 'w'", "[16, 0]", "end before they begin");
    }

    @Test
    void badJson() throws IOException {
        RawSafetensors.write(file(), "{\"w\": {\"dtype\": \"F32\",", 0);
        assertRefused(file(), "22-byte header is not valid JSON");
    }

    @Test
    void duplicateTensorName() throws IOException {
        String header = "{" + entry("w", "F32", "[1]", "[0,4]") + "," + entry("w", "F32", "[1]", "[4,8]") + "}";
        RawSafetensors.write(file(), header, 8);
        assertRefused(file(), "not valid JSON", "Duplicate field 'w'");
    }

    @Test
    void headerNotUtf8() throws IOException {
        byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        RawSafetensors.write(file(), header.length, header, 0);
        assertRefused(file(), "8-byte header is not valid UTF-8");
    }

    @Test
    void headerNotAnObject() throws IOException {
        RawSafetensors.write(file(), "[1, 2]", 0);
        assertRefused(file(), "must be a JSON object but is a JSON array");
    }

    @Test
    void unknownDtype() throws IOException {
        RawSafetensors.write(file(), "{" + entry("w", "F4_E2M1", "[2]", "[0,1]") + "}", 1);
        assertRefused(file(), "tensor 'w'", "unknown dtype \"F4_E2M1\"");
    }

    @Test
    void negativeShape() throws IOException {
        RawSafetensors.write(file(), "{" + entry("w", "F32", "[-1, 4]", "[0,16]") + "}", 16);
        assertRefused(file(), "tensor 'w'", "shape[0] is negative (-1)");
    }

    @Test
    void elementCountOverflow() throws IOException {
        RawSafetensors.write(file(), "{" + entry("w", "F32", "[4611686018427387904, 4]", "[0,16]") + "}", 16);
        assertRefused(file(), "tensor 'w'", "[4611686018427387904, 4]", "overflows");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no dtype        | {"w":{"shape":[1],"data_offsets":[0,4]}}                        | no "dtype"
            no shape        | {"w":{"dtype":"F32","data_offsets":[0,4]}}                      | no "shape"
            no offsets      | {"w":{"dtype":"F32","shape":[1]}}                               | no "data_offsets"
            dtype number    | {"w":{"dtype":7,"shape":[1],"data_offsets":[0,4]}}        | dtype must be a string but is 7
            shape string    | {"w":{"dtype":"F32","shape":"1","data_offsets":[0,4]}}          | shape must be an array
            fractional dim  | {"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}        | shape[0] must be an integer
            huge dim        | {"w":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,4]}} | fits in 64 bits
            three offsets   | {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}        | must be [begin, end] but has 3
            entry not object| {"w":[1]}                                                       | entry must be an object
            metadata number | {"__metadata__":{"format":1}}                                   | key 'format' must be a string
            """)
    void malformedEntries(String label, String header, String expected) throws IOException {
        RawSafetensors.write(file(), header, 8);
        assertRefused(file(), expected);
    }

    @Test
    void emptyTensorsAndGapsAreAccepted() throws IOException {
        // Legal though unusual: zero-element tensors sharing an offset, and unused bytes between tensors.
        String header = "{" + entry("empty", "F32", "[0, 5]", "[0,0]") + "," + entry("also", "BF16", "[0]", "[0,0]")
                + "," + entry("w", "F32", "[1]", "[8,12]") + "}";
        RawSafetensors.write(file(), header, 12);
        try (SafetensorsFile f = SafetensorsFile.open(file())) {
            assertTrue(f.tensor("empty").toFloatArray().length == 0);
            assertTrue(f.tensor("w").getFloat(0) == 0f);
        }
    }
}
