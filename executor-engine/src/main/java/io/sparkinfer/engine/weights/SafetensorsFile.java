package io.sparkinfer.engine.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * One open safetensors file: its validated header, and memory-mapped access to each tensor's bytes.
 * Opening reads and checks only the header; {@link #tensor} maps a tensor's bytes on demand. Thread-safe.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Headers larger than this are refused as corrupt (the reference implementation uses the same bound). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private final Path path;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private volatile boolean closed;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens {@code file} and validates its whole header.
     *
     * @throws CheckpointFormatException if the file is not a well-formed safetensors file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static SafetensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CheckpointFormatException("safetensors file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open safetensors file " + file + ": " + e.getMessage(), e);
        }
        try {
            return new SafetensorsFile(file, channel, readHeader(file, channel));
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static SafetensorsHeader readHeader(Path file, FileChannel channel) {
        try {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw CheckpointFormatException.inFile(file, null,
                        "the file is " + fileSize + " bytes, shorter than the 8-byte header length that starts every file");
            }
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength == 0 || headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw CheckpointFormatException.inFile(file, null, "header length " + Long.toUnsignedString(headerLength)
                        + " is not between 1 and " + MAX_HEADER_BYTES + " bytes");
            }
            if (8 + headerLength > fileSize) {
                throw CheckpointFormatException.inFile(file, null, "header length " + headerLength
                        + " runs past the end of the file (8 + " + headerLength + " > " + fileSize + " bytes)");
            }
            ByteBuffer bytes = readFully(channel, 8, (int) headerLength);
            return SafetensorsHeader.parse(file, bytes.array(), fileSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of safetensors file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    public Path path() {
        return path;
    }

    /** All tensors, by name, sorted. */
    public Map<String, TensorInfo> tensors() {
        return header.tensors();
    }

    /** The header's {@code __metadata__} strings, e.g. {@code {format=pt}}; empty if absent. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    public boolean contains(String name) {
        return header.tensors().containsKey(name);
    }

    /** The header entry of {@code name}; if absent, the error names the file and the closest names. */
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new CheckpointFormatException("safetensors file " + path + " has no tensor '" + name
                    + "'; the closest names are " + SimilarNames.closest(name, header.tensors().keySet(), 5));
        }
        return info;
    }

    /** Maps the bytes of tensor {@code name} (read-only); the mapping stays valid after this file is closed. */
    public TensorData tensor(String name) {
        TensorInfo info = info(name);
        if (closed) {
            throw new IllegalStateException("safetensors file " + path + " is closed; cannot map tensor '" + name + "'");
        }
        return TensorData.map(info, channel);
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close safetensors file " + path + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel, RuntimeException pending) {
        try {
            channel.close();
        } catch (IOException e) {
            pending.addSuppressed(e);
        }
    }
}
