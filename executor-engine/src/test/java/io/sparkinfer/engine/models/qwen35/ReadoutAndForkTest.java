package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.kernels.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readout forward returns exactly what the tensor forward does, and a forked cache continues identically. */
class ReadoutAndForkTest {

    @Test
    void readoutsEqualTheTensorForwardRowForRow() {
        for (String name : TinyModels.FIXTURES) {
            Qwen35Model model = TinyModels.model(name);
            int[] a = TinyModels.randomIds(model, 9, 1);
            int[] b = TinyModels.randomIds(model, 5, 2);
            int[] c = TinyModels.randomIds(model, 3, 3);
            int vocab = model.config().vocabSize();
            float[] allA;
            float[] allB;
            float[] hiddenC = new float[3 * model.config().hiddenSize()];
            try (SequenceCache ca = model.newCache(); SequenceCache cb = model.newCache();
                    SequenceCache cc = model.newCache()) {
                allA = TinyModels.allLogits(model, ca, a);
                allB = TinyModels.allLogits(model, cb, b);
                try (Tensor ignored = model.forward(List.of(new SequenceInput(cc, c)), Qwen35Model.LogitRows.LAST,
                        (tap, value) -> {
                            if (tap.equals("final_norm")) {
                                float[] v = model.backend().toFloats(value);
                                System.arraycopy(v, 0, hiddenC, 0, v.length);
                            }
                        })) {
                    assertEquals(1, ignored.rows());
                }
            }
            try (SequenceCache ca = model.newCache(); SequenceCache cb = model.newCache();
                    SequenceCache cc = model.newCache(); SequenceCache cd = model.newCache()) {
                List<float[][]> out = model.forward(
                        List.of(new SequenceInput(ca, a), new SequenceInput(cb, b), new SequenceInput(cc, c),
                                new SequenceInput(cd, c)),
                        List.of(Readout.LAST_LOGITS, Readout.ALL_LOGITS, Readout.ALL_HIDDEN, Readout.NONE));
                assertEquals(1, out.get(0).length);
                assertArrayEquals(Arrays.copyOfRange(allA, 8 * vocab, 9 * vocab), out.get(0)[0], name + " last");
                assertEquals(5, out.get(1).length);
                for (int r = 0; r < 5; r++) {
                    assertArrayEquals(Arrays.copyOfRange(allB, r * vocab, (r + 1) * vocab), out.get(1)[r], name + " row " + r);
                }
                int h = model.config().hiddenSize();
                for (int r = 0; r < 3; r++) {
                    assertArrayEquals(Arrays.copyOfRange(hiddenC, r * h, (r + 1) * h), out.get(2)[r], name + " hidden " + r);
                }
                assertEquals(0, out.get(3).length);
                assertEquals(3, cd.length(), "a NONE readout still advances its cache");
            }
        }
    }

    @Test
    void aForkContinuesLikeTheOriginalAndIsIndependent() {
        for (String name : TinyModels.FIXTURES) {
            Qwen35Model model = TinyModels.model(name);
            int[] prompt = TinyModels.randomIds(model, 70, 4); // crosses a DeltaNet chunk
            int[] more = TinyModels.randomIds(model, 4, 5);
            int[] other = TinyModels.randomIds(model, 6, 6);
            try (SequenceCache original = model.newCache(2)) {
                TinyModels.allLogits(model, original, prompt);
                long before = original.bytes();
                try (SequenceCache fork = original.fork(prompt.length + more.length)) {
                    assertEquals(original.length(), fork.length());
                    // Advancing the original differently must not disturb the fork.
                    TinyModels.allLogits(model, original, other);
                    float[] fromFork = TinyModels.allLogits(model, fork, more);
                    try (SequenceCache fresh = model.newCache()) {
                        TinyModels.allLogits(model, fresh, prompt);
                        assertArrayEquals(TinyModels.allLogits(model, fresh, more), fromFork, name);
                    }
                }
                assertTrue(before > original.shape().fixedBytes(), "bytes count the states and the KV rows");
            }
        }
    }

    @Test
    void cacheBytesFollowTheShape() {
        Qwen35Model model = TinyModels.model("dense_bf16");
        try (SequenceCache cache = model.newCache(10)) {
            assertEquals(cache.shape().bytesFor(10), cache.bytes());
        }
    }
}
