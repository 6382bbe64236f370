package io.sparkinfer.engine.config;

/** Small argument checks shared by the config records; messages carry the HF key and the value. */
final class Checks {

    private Checks() {
    }

    static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key + "=" + value + " must be positive");
        }
    }

    static void nonNegative(String key, long value) {
        if (value < 0) {
            throw new ConfigException(key + "=" + value + " must not be negative");
        }
    }

    static void positiveFinite(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(key + "=" + value + " must be a positive finite number");
        }
    }

    static void nonBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + " must be a non-empty string but is " + (value == null ? "absent" : "\"\""));
        }
    }
}
