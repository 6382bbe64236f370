package io.sparkinfer.engine.cache;

import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.engine.config.TextConfig;
import java.util.List;

/**
 * The per-layer sizes a sequence cache needs, taken from the text config once.
 *
 * @param layerTypes        one entry per decoder layer
 * @param kvWidth           numKeyValueHeads * headDim (a K or V cache row)
 * @param convKernel        DeltaNet conv taps K
 * @param convDim           DeltaNet conv channels (q, k and v)
 * @param valueHeads        DeltaNet value heads nv
 * @param keyHeadDim        dk
 * @param valueHeadDim      dv
 */
public record CacheShape(List<LayerType> layerTypes, int kvWidth, int convKernel, int convDim, int valueHeads,
        int keyHeadDim, int valueHeadDim) {

    public CacheShape {
        layerTypes = List.copyOf(layerTypes);
        if (kvWidth <= 0 || convKernel < 1 || convDim <= 0 || valueHeads <= 0 || keyHeadDim <= 0 || valueHeadDim <= 0) {
            throw new IllegalArgumentException("[BUG] cache sizes must be positive: kvWidth=" + kvWidth + " convKernel="
                    + convKernel + " convDim=" + convDim + " valueHeads=" + valueHeads + " dk=" + keyHeadDim + " dv="
                    + valueHeadDim);
        }
    }

    /** Bytes one more token costs in the attention caches (keys and values of every attention layer). */
    public long bytesPerToken() {
        return 2L * kvWidth * Float.BYTES * layerTypes.stream().filter(t -> t == LayerType.FULL_ATTENTION).count();
    }

    /** Bytes of the fixed-size DeltaNet states (conv rows and recurrent state of every linear-attention layer). */
    public long fixedBytes() {
        long perLayer = ((long) (convKernel - 1) * convDim + (long) valueHeads * keyHeadDim * valueHeadDim) * Float.BYTES;
        return perLayer * layerTypes.stream().filter(t -> t != LayerType.FULL_ATTENTION).count();
    }

    /** Bytes a sequence cache with room for {@code tokens} positions holds. */
    public long bytesFor(int tokens) {
        return fixedBytes() + tokens * bytesPerToken();
    }

    public static CacheShape of(TextConfig t) {
        return new CacheShape(t.layerTypes(), t.numKeyValueHeads() * t.headDim(), t.linearConvKernelDim(),
                t.linearConvDim(), t.linearNumValueHeads(), t.linearKeyHeadDim(), t.linearValueHeadDim());
    }
}
