package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;

/** Matrix multiply and embedding lookup: the ops that read weight matrices of any dtype. */
final class RefLinear {

    private RefLinear() {}

    /** y[n, m] = x[n, k] · w[m, k]ᵀ, each dot product summed in double. */
    static void matmul(Tensor xT, Tensor wT, Tensor yT) {
        OpCall call = new OpCall("matmul", "x", xT, "w", wT, "y", yT);
        HostTensor x = call.f32("x", xT);
        HostTensor w = call.host("w", wT);
        HostTensor y = call.f32("y", yT);
        int n = x.rows();
        int k = x.rowSize();
        int m = w.rows();
        call.expectRowSize("w", w, k);
        call.expect("y", y, n, m);
        call.disjoint("y", y, "x", x);
        call.disjoint("y", y, "w", w);

        float[] xs = x.f32();
        float[] ys = y.f32();
        for (int r = 0; r < n; r++) {
            int xRow = x.offset() + r * k;
            for (int o = 0; o < m; o++) {
                long wRow = (long) o * k;
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += (double) xs[xRow + i] * w.get(wRow + i);
                }
                ys[y.offset() + r * m + o] = (float) sum;
            }
        }
    }

    /** out[i, :] = table[ids[i], :] widened to f32. */
    static void embedding(int[] ids, Tensor tableT, Tensor outT) {
        OpCall call = new OpCall("embedding", "ids", ids, "table", tableT, "out", outT);
        call.notNull("ids", ids);
        HostTensor table = call.host("table", tableT);
        HostTensor out = call.f32("out", outT);
        int vocab = table.rows();
        int hidden = table.rowSize();
        call.expect("out", out, ids.length, hidden);
        call.disjoint("out", out, "table", table);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw call.fail("ids[" + i + "] = " + ids[i] + " is outside the table's " + vocab + " rows");
            }
        }

        float[] os = out.f32();
        for (int i = 0; i < ids.length; i++) {
            long from = (long) ids[i] * hidden;
            for (int c = 0; c < hidden; c++) {
                os[out.offset() + i * hidden + c] = table.get(from + c);
            }
        }
    }
}
