package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.ODD_SIZES;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static io.sparkinfer.kernels.cpu.Parity.view;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuEmbeddingTest {

    /** Widening is exact, so the rows must equal the reference's bit for bit. */
    @Test
    void rowsEqualTheReferenceExactlyForEveryTableType() {
        Random random = new Random(10);
        for (DType dtype : new DType[] {DType.F32, DType.BF16, DType.F16}) {
            for (int hidden : ODD_SIZES) {
                int vocab = 17;
                Tensor table = view(random, gaussian(random, vocab * hidden), dtype, vocab, hidden);
                int[] ids = new int[40];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = random.nextInt(vocab);
                }
                ids[0] = vocab - 1;
                ids[1] = ids[0]; // a repeated id
                Tensor expected = CPU.allocate(DType.F32, ids.length, hidden);
                Tensor actual = view(random, new float[ids.length * hidden], ids.length, hidden);
                REF.embedding(ids, table, expected);
                FAST.embedding(ids, table, actual);
                assertBitwise(read(expected), read(actual), "embedding " + dtype + " hidden=" + hidden);
            }
        }
    }

    @Test
    void anIdOutsideTheTableIsRejectedWithItsIndex() {
        Tensor table = CPU.allocate(DType.BF16, 5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FAST.embedding(new int[] {1, 5}, table, CPU.allocate(DType.F32, 2, 3)));
        assertTrue(e.getMessage().contains("ids[1] = 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FAST.embedding(new int[] {-1}, table, CPU.allocate(DType.F32, 1, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.embedding(new int[] {1}, table, CPU.allocate(DType.F32, 1, 4)));
    }
}
