package io.sparkinfer.engine.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes hand-made (usually corrupt) safetensors files for tests. */
final class RawSafetensors {

    private RawSafetensors() {}

    /** A file whose header is {@code headerJson} (length prefix exact) followed by {@code dataBytes} zero bytes. */
    static Path write(Path file, String headerJson, int dataBytes) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        return write(file, header.length, header, dataBytes);
    }

    /** A file whose length prefix says {@code declaredLength}, whatever the header bytes that follow. */
    static Path write(Path file, long declaredLength, byte[] header, int dataBytes) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredLength).put(header);
        Files.write(file, bytes.array());
        return file;
    }

    /** The header-length prefix of a safetensors file, read independently of the code under test. */
    static long headerLength(Path file) throws IOException {
        byte[] prefix = new byte[8];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(prefix, 0, 8) != 8) {
                throw new IOException(file + " is shorter than 8 bytes");
            }
        }
        return ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
