package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;

/** Token embedding lookup (no scaling in Qwen3.5); the table may double as the tied lm_head. */
public final class Embedding {
    private final Tensor table; // [vocab, hidden], storage dtype

    public Embedding(Tensor table) {
        this.table = table;
    }

    public Tensor table() {
        return table;
    }

    public int vocabSize() {
        return table.shape()[0];
    }

    public int hiddenSize() {
        return table.rowSize();
    }

    /** Rows of the table for {@code ids}, as F32 [ids.length, hidden]. */
    public Tensor forward(Backend backend, int[] ids) {
        int vocab = vocabSize();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("token id " + ids[i] + " at index " + i + " is outside the"
                        + " vocabulary [0, " + vocab + "); the ids must come from this model's tokenizer");
            }
        }
        Tensor out = backend.allocate(DType.F32, ids.length, hiddenSize());
        backend.ops().embedding(ids, table, out);
        return out;
    }
}
