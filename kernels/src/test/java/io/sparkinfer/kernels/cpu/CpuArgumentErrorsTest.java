package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The cpu kernels share the reference's argument checks: a bad call fails with the same message on both. */
class CpuArgumentErrorsTest {

    private static Tensor f32(int rows, int... rowShape) {
        return CPU.allocate(DType.F32, concat(rows, rowShape));
    }

    private static int[] concat(int rows, int[] rowShape) {
        int[] shape = new int[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return shape;
    }

    /** Runs the call on both backends and returns the one message they both gave. */
    private static String sameError(String op, Consumer<Ops> call) {
        String ref = assertThrows(IllegalArgumentException.class, () -> call.accept(REF)).getMessage();
        String cpu = assertThrows(IllegalArgumentException.class, () -> call.accept(FAST)).getMessage();
        assertEquals(ref, cpu, op);
        assertTrue(ref.startsWith(op + ": "), ref);
        return ref;
    }

    @Test
    void linearOpsFailAlike() {
        String matmul = sameError("matmul", ops -> ops.matmul(f32(3, 5), f32(4, 6), f32(3, 4)));
        assertTrue(matmul.contains("w must have rows of 5 values, got shape [4, 6]"), matmul);
        String embedding = sameError("embedding", ops -> ops.embedding(new int[] {0, 6}, f32(6, 4), f32(2, 4)));
        assertTrue(embedding.contains("ids[1] = 6 is outside the table's 6 rows"), embedding);
    }

    @Test
    void normsFailAlike() {
        Tensor x = f32(2, 10);
        String rms = sameError("rmsNorm", ops -> ops.rmsNorm(x, f32(4), 1e-6f, x));
        assertTrue(rms.contains("w's 4 values (the group size) must divide x's row size 10"), rms);
        String gated = sameError("gatedRmsNorm", ops -> ops.gatedRmsNorm(x, f32(2, 5), f32(5), 1e-6f, x));
        assertTrue(gated.contains("z must have the shape of x [2, 10], got [2, 5]"), gated);
        String l2 = sameError("l2Norm", ops -> ops.l2Norm(x, 5, -1f, 1f, x));
        assertTrue(l2.contains("eps must be finite and non-negative, got -1.0"), l2);
        String softmax = sameError("softmax", ops -> ops.softmax(x, f32(2, 9)));
        assertTrue(softmax.contains("out must have the shape of x [2, 10], got [2, 9]"), softmax);
    }

    @Test
    void elementwiseOpsFailAlike() {
        Tensor a = f32(4, 8);
        String add = sameError("add", ops -> ops.add(a.rows(0, 2), a.rows(2, 2), a.rows(1, 2)));
        assertTrue(add.contains("out overlaps a without being the same values"), add);
        String silu = sameError("silu", ops -> ops.silu(CPU.allocate(DType.BF16, 4, 8), a));
        assertTrue(silu.contains("x must be F32"), silu);
        String scale = sameError("scaleRowsBySigmoid", ops -> ops.scaleRowsBySigmoid(a, f32(3, 1), f32(4, 8)));
        assertTrue(scale.contains("s must hold 4 rows of 1 values, got shape [3, 1]"), scale);
    }

    @Test
    void sequenceOpsFailAlike() {
        String conv = sameError("causalConv1d",
                ops -> ops.causalConv1d(f32(3, 5), f32(5, 4), f32(4, 5), f32(3, 5)));
        assertTrue(conv.contains("state must hold 3 rows of 5 values, got shape [4, 5]"), conv);
        String attention = sameError("attention",
                ops -> ops.attention(f32(3, 8), f32(4, 4), f32(4, 4), 2, 2, 1, 4, 0.5f, f32(3, 8)));
        assertTrue(attention.contains("the cache must hold positions 0 .. start + 3 - 1 = 4"), attention);
        String delta = sameError("deltaRuleRecurrent", ops -> ops.deltaRuleRecurrent(f32(2, 8), f32(2, 8),
                f32(2, 12), f32(2, 4), f32(2, 4), f32(4, 4, 2), 2, 4, f32(2, 12)));
        assertTrue(delta.contains("state must be [numValueHeads=4, dk=4, dv=3], got [4, 4, 2]"), delta);
    }
}
