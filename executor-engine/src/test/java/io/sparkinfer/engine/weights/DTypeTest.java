package io.sparkinfer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DTypeTest {

    private static final Path FILE = Path.of("some/model.safetensors");

    @Test
    void byteSizesFollowTheSafetensorsSpec() {
        Map<String, Integer> expected = Map.ofEntries(Map.entry("BF16", 2), Map.entry("F16", 2), Map.entry("F32", 4),
                Map.entry("F64", 8), Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2), Map.entry("I8", 1),
                Map.entry("U8", 1), Map.entry("BOOL", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1));
        assertEquals(expected.size(), DType.values().length);
        expected.forEach((name, size) -> {
            DType dtype = DType.parse(name, FILE, "t");
            assertEquals(name, dtype.headerName());
            assertEquals(size, dtype.byteSize(), name);
        });
    }

    @Test
    void onlyFloatDtypesReadAsFloatAndOnlyIntegerDtypesAsIntegers() {
        for (DType t : DType.values()) {
            boolean isFloat = t == DType.BF16 || t == DType.F16 || t == DType.F32 || t == DType.F64;
            boolean isFp8 = t == DType.F8_E4M3 || t == DType.F8_E5M2;
            assertEquals(isFloat, t.readableAsFloat(), t.name());
            assertEquals(!isFloat && !isFp8, t.readableAsInteger(), t.name());
        }
    }

    @Test
    void unknownDtypeNamesFileTensorAndValue() {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> DType.parse("bf16", FILE, "model.norm.weight"));
        assertTrue(e.getMessage().contains(FILE.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'model.norm.weight'"), e.getMessage());
        assertTrue(e.getMessage().contains("\"bf16\""), e.getMessage());
        assertTrue(e.getMessage().contains("BF16, F16, F32"), e.getMessage());
    }
}
