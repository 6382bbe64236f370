package io.sparkinfer.spark.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Parses {@code "key=value"} settings and finds the {@link SparkConf} that applies to a test class. */
final class SparkConfEntries {

    private SparkConfEntries() {
    }

    /**
     * Parses entries in order into an insertion-ordered map; a later entry for a key replaces an earlier one.
     *
     * @param source names where the entries come from, for error messages
     */
    static Map<String, String> parse(String[] entries, String source) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry == null) {
                throw new IllegalArgumentException("Spark setting in " + source + " is null; write it as \"key=value\".");
            }
            int equals = entry.indexOf('=');
            String key = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("Spark setting \"" + entry + "\" in " + source
                        + " has no key; write it as \"key=value\", e.g. \"spark.sql.ansi.enabled=false\".");
            }
            settings.put(key, entry.substring(equals + 1).trim());
        }
        return Collections.unmodifiableMap(settings);
    }

    /** The nearest {@link SparkConf}: on the class or a superclass, else on the nearest enclosing class. */
    static Optional<Class<?>> annotatedClassFor(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(SparkConf.class)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Settings from the nearest {@link SparkConf}, or none. */
    static Map<String, String> forTestClass(Class<?> testClass) {
        return annotatedClassFor(testClass)
                .map(c -> parse(c.getAnnotation(SparkConf.class).value(), "@SparkConf on " + c.getName()))
                .orElse(Map.of());
    }
}
