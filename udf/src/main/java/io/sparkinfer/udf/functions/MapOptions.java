package io.sparkinfer.udf.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;

/** A call's {@code map<string,string>} options as a Java map. */
final class MapOptions {

    private MapOptions() {
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

}
