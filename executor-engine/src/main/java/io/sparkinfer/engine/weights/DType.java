package io.sparkinfer.engine.weights;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Element types of the safetensors format; the constant names are the header's dtype strings. */
public enum DType {
    BF16(2, Kind.FLOAT),
    F16(2, Kind.FLOAT),
    F32(4, Kind.FLOAT),
    F64(8, Kind.FLOAT),
    I64(8, Kind.INTEGER),
    I32(4, Kind.INTEGER),
    I16(2, Kind.INTEGER),
    I8(1, Kind.INTEGER),
    U8(1, Kind.INTEGER),
    BOOL(1, Kind.INTEGER),
    F8_E4M3(1, Kind.FP8),
    F8_E5M2(1, Kind.FP8);

    /** How sparkinfer can read a dtype: as floats, as integers, or (fp8) not at all yet. */
    enum Kind { FLOAT, INTEGER, FP8 }

    private final int byteSize;
    private final Kind kind;

    DType(int byteSize, Kind kind) {
        this.byteSize = byteSize;
        this.kind = kind;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The dtype string used in safetensors headers, e.g. {@code "BF16"}. */
    public String headerName() {
        return name();
    }

    /** True for BF16, F16, F32 and F64: the dtypes {@link TensorData#readFloats} accepts. */
    public boolean readableAsFloat() {
        return kind == Kind.FLOAT;
    }

    /** True for I64, I32, I16, I8, U8 and BOOL: the dtypes {@link TensorData#toLongArray} accepts. */
    public boolean readableAsInteger() {
        return kind == Kind.INTEGER;
    }

    /**
     * Parses a header dtype string.
     *
     * @throws CheckpointFormatException naming the file and tensor if the string is not a known dtype
     */
    public static DType parse(String headerName, Path file, String tensor) {
        for (DType t : values()) {
            if (t.name().equals(headerName)) {
                return t;
            }
        }
        String known = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        throw CheckpointFormatException.inFile(
                file, tensor, "unknown dtype \"" + headerName + "\" (sparkinfer knows " + known + ")");
    }
}
