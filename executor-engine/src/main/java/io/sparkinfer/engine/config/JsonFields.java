package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Typed reads from one JSON object of a config file. A key holding JSON {@code null} counts as absent (HF
 * writes {@code "bos_token_id": null}). Errors name the key with its full path ({@code text_config.head_dim})
 * and the value found; the reader that owns the file puts the file name in front.
 */
final class JsonFields {

    private final ObjectNode node;
    private final String path;

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields of(ObjectNode node) {
        return new JsonFields(node, "");
    }

    /** The key as a user finds it in the file, e.g. {@code text_config.rope_parameters.rope_theta}. */
    String keyPath(String key) {
        return path + key;
    }

    /** The path of this object, e.g. {@code text_config}, or empty at the top level. */
    String section() {
        return path.isEmpty() ? "" : path.substring(0, path.length() - 1);
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    Optional<JsonFields> object(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            throw wrongType(key, "a JSON object", value);
        }
        return Optional.of(new JsonFields((ObjectNode) value, keyPath(key) + "."));
    }

    JsonFields requiredObject(String key, String why) {
        return object(key).orElseThrow(() -> missing(key, "a JSON object; " + why));
    }

    int requiredInt(String key) {
        return optionalInt(key).orElseThrow(() -> missing(key, "an integer"));
    }

    int optionalInt(String key, int fallback) {
        return optionalInt(key).orElse(fallback);
    }

    OptionalInt optionalInt(String key) {
        if (!has(key)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(asInt(key, node.get(key)));
    }

    long optionalLong(String key, long fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(key, "an integer", value);
        }
        return value.asLong();
    }

    double requiredDouble(String key) {
        return optionalDouble(key).orElseThrow(() -> missing(key, "a number"));
    }

    double optionalDouble(String key, double fallback) {
        return optionalDouble(key).orElse(fallback);
    }

    OptionalDouble optionalDouble(String key) {
        if (!has(key)) {
            return OptionalDouble.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isNumber()) {
            throw wrongType(key, "a number", value);
        }
        return OptionalDouble.of(value.asDouble());
    }

    boolean optionalBoolean(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw wrongType(key, "true or false", value);
        }
        return value.asBoolean();
    }

    Optional<String> optionalString(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isTextual()) {
            throw wrongType(key, "a string", value);
        }
        return Optional.of(value.asText());
    }

    String optionalString(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    Optional<List<Integer>> optionalIntList(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw wrongType(key, "a list of integers", value);
        }
        List<Integer> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            out.add(asInt(key, element));
        }
        return Optional.of(Collections.unmodifiableList(out));
    }

    /** HF writes token ids such as {@code eos_token_id} as one integer or as a list of them. */
    Optional<List<Integer>> optionalIntOrIntList(String key) {
        if (has(key) && node.get(key).isNumber()) {
            return Optional.of(List.of(asInt(key, node.get(key))));
        }
        return optionalIntList(key);
    }

    Optional<List<Double>> optionalDoubleList(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw wrongType(key, "a list of numbers", value);
        }
        List<Double> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isNumber()) {
                throw wrongType(key, "a list of numbers", value);
            }
            out.add(element.asDouble());
        }
        return Optional.of(Collections.unmodifiableList(out));
    }

    Optional<List<String>> optionalStringList(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw wrongType(key, "a list of strings", value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw wrongType(key, "a list of strings", value);
            }
            out.add(element.asText());
        }
        return Optional.of(Collections.unmodifiableList(out));
    }

    private int asInt(String key, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(key, "an integer", value);
        }
        return value.asInt();
    }

    ConfigException missing(String key, String expected) {
        return new ConfigException("key " + keyPath(key) + " is missing (expected " + expected + ")");
    }

    private ConfigException wrongType(String key, String expected, JsonNode value) {
        return new ConfigException("key " + keyPath(key) + " must be " + expected + " but is " + value);
    }
}
