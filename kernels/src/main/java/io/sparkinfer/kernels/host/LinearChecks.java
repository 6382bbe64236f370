package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.Tensor;

/** The argument checks of matmul and embedding, the ops that read weight matrices of any dtype. */
public final class LinearChecks {

    private LinearChecks() {}

    /** y [n, m] = x [n, k] · w [m, k]ᵀ. */
    public record Matmul(HostTensor x, HostTensor w, HostTensor y, int n, int k, int m) {}

    /** out [ids.length, hidden] = rows of table [vocab, hidden]. */
    public record Embedding(HostTensor table, HostTensor out, int vocab, int hidden) {}

    public static Matmul matmul(Tensor xT, Tensor wT, Tensor yT) {
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
        return new Matmul(x, w, y, n, k, m);
    }

    /** Also checks that every id names a row of the table. */
    public static Embedding embedding(int[] ids, Tensor tableT, Tensor outT) {
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
        return new Embedding(table, out, vocab, hidden);
    }
}
