package io.sparkinfer.udf.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;

/** A call's {@code map<string,string>} options as a Java map, and the check that every key means something. */
final class CallOptions {

    private CallOptions() {
    }

    /** The entries of {@code map} (null: none); a NULL value is an error naming its key. */
    static Map<String, String> toJava(MapData map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        for (int i = 0; i < map.numElements(); i++) {
            String key = keys.getUTF8String(i).toString();
            if (values.isNullAt(i)) {
                throw new IllegalArgumentException("option " + key + " is NULL; give it a value or leave it out");
            }
            out.put(key, values.getUTF8String(i).toString());
        }
        return out;
    }

    /** Throws when {@code options} holds a key outside {@code known}, naming the function and the known keys. */
    static void checkKeys(String function, Map<String, String> options, Set<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "' for " + function + "; known options: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** A true/false option, {@code fallback} when absent. */
    static boolean bool(Map<String, String> options, String key, boolean fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if ("true".equalsIgnoreCase(v.trim()) || "false".equalsIgnoreCase(v.trim())) {
            return Boolean.parseBoolean(v.trim());
        }
        throw new IllegalArgumentException("option " + key + " = '" + v + "' must be true or false");
    }
}
