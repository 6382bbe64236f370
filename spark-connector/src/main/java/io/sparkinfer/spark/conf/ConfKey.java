package io.sparkinfer.spark.conf;

import java.util.Map;
import java.util.Objects;

/** One {@code spark.sparkinfer.*} setting: its full name, its default (null: none) and one line of documentation. */
public record ConfKey(String name, String defaultValue, String doc) {

    public ConfKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        if (!name.startsWith(SparkInferConf.PREFIX)) {
            throw new IllegalArgumentException("[BUG] configuration key " + name + " must start with "
                    + SparkInferConf.PREFIX);
        }
    }

    /** The value in {@code settings}, else the default (null when neither exists). */
    public String value(Map<String, String> settings) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    public int intValue(Map<String, String> settings, int min) {
        String v = value(settings);
        try {
            int n = Integer.parseInt(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " = '" + v + "' must be an integer >= " + min + " (" + doc + ")");
    }

    public boolean boolValue(Map<String, String> settings) {
        String v = value(settings);
        if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(name + " = '" + v + "' must be true or false (" + doc + ")");
    }

    /** A byte size such as {@code 2g}, {@code 512m}, {@code 1048576}; 0 when the value is {@code auto}. */
    public long bytesValue(Map<String, String> settings) {
        String v = value(settings);
        if ("auto".equalsIgnoreCase(v)) {
            return 0;
        }
        return ByteSizes.parse(name, v);
    }
}
