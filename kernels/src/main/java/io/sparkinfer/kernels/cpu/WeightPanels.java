package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.host.HostTensor;

/**
 * The packed panels of a constant weight ({@link HostTensor#isConstant()}), made on first use and kept on the
 * tensor: F32 panels for batched rows when the heap has room for them (this CPU has no bf16 arithmetic, and
 * widening in the inner loop costs), BF16 panels for BF16 weights in decode (half the bytes to stream) and as
 * the batched fallback when F32 panels do not fit. Both give the same bits, so the choice never shows.
 */
final class WeightPanels {
    /** Heap to leave free after making F32 panels. */
    private static final long HEADROOM = 512L << 20;

    private GemmPanels f32;
    private GemmPanels bf16;
    private boolean f32Refused;

    private WeightPanels() {}

    /**
     * Panels of w: BF16 for a BF16 weight when {@code preferBf16} (or when F32 panels do
     * not fit), else F32. Packs on first use with the pool's threads.
     */
    static GemmPanels of(CpuPool pool, HostTensor w, boolean preferBf16) {
        WeightPanels cache;
        synchronized (w) {
            Object d = w.derived();
            if (d == null) {
                cache = new WeightPanels();
                w.setDerived(cache);
            } else if (d instanceof WeightPanels p) {
                cache = p;
            } else {
                throw new IllegalStateException("[BUG] tensor " + w + " caches a " + d.getClass().getName());
            }
            return cache.get(pool, w, preferBf16);
        }
    }

    private GemmPanels get(CpuPool pool, HostTensor w, boolean preferBf16) {
        boolean bf16Weight = w.dtype() == DType.BF16;
        if (bf16Weight && (preferBf16 || f32Refused) || bf16Weight && f32 == null && !f32Fits(w)) {
            if (bf16 == null) {
                bf16 = packed(pool, w, true);
            }
            return bf16;
        }
        if (f32 == null) {
            f32 = packed(pool, w, false);
        }
        return f32;
    }

    private boolean f32Fits(HostTensor w) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        f32Refused = free < GemmPanels.bytes(w, false) + HEADROOM;
        return !f32Refused;
    }

    private static GemmPanels packed(CpuPool pool, HostTensor w, boolean asBf16) {
        GemmPanels p = GemmPanels.allocate(w, asBf16);
        pool.forEachRange(p.panels, 1, (part, from, to) -> p.pack(w, from, to));
        return p;
    }
}
