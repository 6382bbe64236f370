package io.sparkinfer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TensorInfoTest {

    private static final Path FILE = Path.of("m.safetensors");

    @Test
    void sizesAndShapeString() {
        TensorInfo info = new TensorInfo("w", DType.BF16, new long[] {4, 64}, 100, 100 + 4 * 64 * 2, FILE);
        assertEquals(256, info.numElements());
        assertEquals(512, info.byteSize());
        assertEquals("[4, 64]", info.shapeString());
        assertEquals(2, info.rank());
        assertEquals(64, info.dim(1));
    }

    @Test
    void scalarHasOneElementAndEmptyShape() {
        TensorInfo scalar = new TensorInfo("s", DType.F32, new long[0], 8, 12, FILE);
        assertEquals(1, scalar.numElements());
        assertEquals("[]", scalar.shapeString());
    }

    @Test
    void shapeIsCopiedInAndOut() {
        long[] shape = {2, 3};
        TensorInfo info = new TensorInfo("w", DType.F32, shape, 0, 24, FILE);
        shape[0] = 99;
        info.shape()[1] = 99;
        assertArrayEquals(new long[] {2, 3}, info.shape());
    }

    @Test
    void equalityComparesShapeContents() {
        TensorInfo a = new TensorInfo("w", DType.F32, new long[] {2, 3}, 0, 24, FILE);
        assertEquals(a, new TensorInfo("w", DType.F32, new long[] {2, 3}, 0, 24, FILE));
        assertEquals(a.hashCode(), new TensorInfo("w", DType.F32, new long[] {2, 3}, 0, 24, FILE).hashCode());
        assertNotEquals(a, new TensorInfo("w", DType.F32, new long[] {3, 2}, 0, 24, FILE));
    }

    @Test
    void offsetsThatDisagreeWithShapeAreABug() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorInfo("w", DType.F32, new long[] {2, 3}, 0, 20, FILE));
        assertTrue(e.getMessage().startsWith("[BUG]"), e.getMessage());
        assertTrue(e.getMessage().contains("24"), e.getMessage());
    }
}
