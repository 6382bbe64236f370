package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.LinearChecks;

/** {@code out[i] = table[ids[i]]} widened to f32 (BF16 with vector shifts), rows split across threads. */
final class CpuEmbedding {
    /** Values copied below which a thread hand-off costs more than it saves. */
    private static final int MIN_VALUES_PER_PART = 1 << 15;

    private CpuEmbedding() {}

    static void embedding(CpuPool pool, int[] ids, Tensor tableT, Tensor outT) {
        LinearChecks.Embedding args = LinearChecks.embedding(ids, tableT, outT);
        HostTensor table = args.table();
        HostTensor out = args.out();
        int hidden = args.hidden();
        int minRows = Math.max(1, MIN_VALUES_PER_PART / Math.max(1, hidden));
        pool.forEachRange(ids.length, minRows, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                CpuVectors.widen(table, ids[i] * hidden, out.f32(), out.offset() + i * hidden, hidden);
            }
        });
    }
}
