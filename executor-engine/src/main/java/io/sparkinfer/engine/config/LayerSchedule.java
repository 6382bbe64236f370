package io.sparkinfer.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/** Building and recognising the repeated "N-1 DeltaNet layers, then one attention layer" schedule. */
public final class LayerSchedule {

    /** HF's default {@code full_attention_interval}. */
    public static final int DEFAULT_FULL_ATTENTION_INTERVAL = 4;

    private LayerSchedule() {
    }

    /** Layer i is full attention iff {@code (i + 1) % interval == 0}: layers 3, 7, 11, ... for interval 4. */
    public static List<LayerType> fromInterval(int numLayers, int interval) {
        if (interval < 1) {
            throw new ConfigException("full_attention_interval=" + interval + " must be at least 1");
        }
        if (numLayers < 0) {
            throw new ConfigException("[BUG] negative layer count " + numLayers);
        }
        List<LayerType> types = new ArrayList<>(numLayers);
        for (int i = 0; i < numLayers; i++) {
            types.add((i + 1) % interval == 0 ? LayerType.FULL_ATTENTION : LayerType.LINEAR_ATTENTION);
        }
        return Collections.unmodifiableList(types);
    }

    /** The interval that produces exactly this schedule, if any (so a writer can emit both keys). */
    public static OptionalInt intervalOf(List<LayerType> types) {
        int first = types.indexOf(LayerType.FULL_ATTENTION);
        if (first < 0) {
            return OptionalInt.empty();
        }
        int interval = first + 1;
        return fromInterval(types.size(), interval).equals(types) ? OptionalInt.of(interval) : OptionalInt.empty();
    }
}
