package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.LinearChecks;

/** Matrix multiply and embedding lookup: the ops that read weight matrices of any dtype. */
final class RefLinear {

    private RefLinear() {}

    /** y[n, m] = x[n, k] · w[m, k]ᵀ, each dot product summed in double. */
    static void matmul(Tensor xT, Tensor wT, Tensor yT) {
        LinearChecks.Matmul args = LinearChecks.matmul(xT, wT, yT);
        HostTensor x = args.x();
        HostTensor w = args.w();
        HostTensor y = args.y();
        int n = args.n();
        int k = args.k();
        int m = args.m();

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
        LinearChecks.Embedding args = LinearChecks.embedding(ids, tableT, outT);
        HostTensor table = args.table();
        HostTensor out = args.out();
        int hidden = args.hidden();
        float[] os = out.f32();
        for (int i = 0; i < ids.length; i++) {
            long from = (long) ids[i] * hidden;
            for (int c = 0; c < hidden; c++) {
                os[out.offset() + i * hidden + c] = table.get(from + c);
            }
        }
    }
}
