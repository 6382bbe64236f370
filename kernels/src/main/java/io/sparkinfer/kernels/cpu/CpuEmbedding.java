package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;

/** {@code out[i] = table[ids[i]]} widened to f32 (BF16 with vector shifts), rows split across threads. */
final class CpuEmbedding {
    /** Values copied below which a thread hand-off costs more than it saves. */
    private static final int MIN_VALUES_PER_PART = 1 << 15;

    private CpuEmbedding() {}

    static void embedding(CpuPool pool, int[] ids, Tensor tableT, Tensor outT) {
        CpuArgs call = new CpuArgs("embedding", "ids", ids, "table", tableT, "out", outT);
        call.require(ids != null, "ids is null");
        HostTensor table = call.host("table", tableT);
        HostTensor out = call.f32("out", outT);
        int vocab = table.rows();
        int hidden = table.rowSize();
        call.expect("out", out, ids.length, hidden);
        call.disjoint("out", out, "table", table);
        for (int i = 0; i < ids.length; i++) {
            call.require(ids[i] >= 0 && ids[i] < vocab, "ids[" + i + "] = " + ids[i] + " is outside the table's "
                    + vocab + " rows");
        }
        int minRows = Math.max(1, MIN_VALUES_PER_PART / Math.max(1, hidden));
        pool.forEachRange(ids.length, minRows, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                CpuVectors.widen(table, ids[i] * hidden, out.f32(), out.offset() + i * hidden, hidden);
            }
        });
    }
}
