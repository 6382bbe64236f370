package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.ODD_SIZES;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.copy;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.randomView;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static io.sparkinfer.kernels.cpu.Parity.view;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuConvTest {

    @Test
    void matchesTheReferenceOverChannelsTapsLengthsAndWeightTypes() {
        Random random = new Random(60);
        for (DType dtype : new DType[] {DType.F32, DType.BF16, DType.F16}) {
            for (int channels : ODD_SIZES) {
                for (int taps : new int[] {1, 2, 4}) {
                    for (int length : new int[] {1, 2, 3, 17}) { // shorter and longer than the window
                        Tensor x = randomView(random, length, channels);
                        Tensor w = view(random, gaussian(random, channels * taps), dtype, channels, taps);
                        Tensor state = randomView(random, taps - 1, channels);
                        Tensor refState = copy(state);
                        Tensor expected = CPU.allocate(DType.F32, length, channels);
                        REF.causalConv1d(x, w, refState, expected);
                        Tensor out = randomView(random, length, channels);
                        FAST.causalConv1d(x, w, state, out);
                        String what = "conv " + dtype + " C=" + channels + " K=" + taps + " L=" + length;
                        assertClose(expected, out, 1e-5, what + " out");
                        assertBitwise(read(refState), read(state), what + " state"); // a copy of inputs: exact
                    }
                }
            }
        }
    }

    /** Two calls carrying the state give the bits of one call over the whole sequence. */
    @Test
    void aSequenceInPiecesGivesTheBitsOfOneCall() {
        Random random = new Random(61);
        int channels = 207;
        int taps = 4;
        Tensor x = randomView(random, 10, channels);
        Tensor w = view(random, gaussian(random, channels * taps), DType.BF16, channels, taps);
        Tensor wholeState = randomView(random, taps - 1, channels);
        Tensor pieceState = copy(wholeState);
        Tensor whole = CPU.allocate(DType.F32, 10, channels);
        FAST.causalConv1d(x, w, wholeState, whole);
        Tensor pieces = CPU.allocate(DType.F32, 10, channels);
        FAST.causalConv1d(x.rows(0, 2), w, pieceState, pieces.rows(0, 2));
        FAST.causalConv1d(x.rows(2, 1), w, pieceState, pieces.rows(2, 1));
        FAST.causalConv1d(x.rows(3, 7), w, pieceState, pieces.rows(3, 7));
        assertBitwise(read(whole), read(pieces), "out in pieces");
        assertBitwise(read(wholeState), read(pieceState), "state in pieces");
    }

    @Test
    void anOutputThatIsTheInputOrAStateOfTheWrongShapeIsRejected() {
        Tensor x = CPU.allocate(DType.F32, 5, 8);
        Tensor w = CPU.allocate(DType.BF16, 8, 4);
        assertThrows(IllegalArgumentException.class, () -> FAST.causalConv1d(x, w, CPU.allocate(DType.F32, 3, 8), x));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.causalConv1d(x, w, CPU.allocate(DType.F32, 2, 8), CPU.allocate(DType.F32, 5, 8)));
        assertThrows(IllegalArgumentException.class, () -> FAST.causalConv1d(x, CPU.allocate(DType.F32, 7, 4),
                CPU.allocate(DType.F32, 3, 8), CPU.allocate(DType.F32, 5, 8)));
    }
}
