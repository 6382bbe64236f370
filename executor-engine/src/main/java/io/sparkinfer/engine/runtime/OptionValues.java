package io.sparkinfer.engine.runtime;

import java.util.Locale;
import java.util.Map;

/** Typed reads of string options, failing with the key, the value and what was expected. */
final class OptionValues {
    private OptionValues() {
    }

    static int integer(Map<String, String> options, String key) {
        return parseInt(key, options.get(key).trim());
    }

    static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " = '" + value + "' is not an integer");
        }
    }

    static long longValue(Map<String, String> options, String key) {
        String value = options.get(key);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " = '" + value + "' is not an integer");
        }
    }

    static boolean bool(Map<String, String> options, String key) {
        String value = options.get(key).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("option " + key + " = '" + options.get(key)
                    + "' is not a boolean; use true or false");
        };
    }
}
