package io.sparkinfer.spark.task;

import io.sparkinfer.engine.sampling.SamplingParams;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** The option keys each task understands, and the checks on option values shared by the SQL functions and the DataSource. */
public final class TaskKeys {
    /** Bounds the resized image's pixel count (and so its tokens and cost); the engine reads it. */
    public static final String MAX_PIXELS = "max_pixels";

    /** Decoding limits, stops and sampling: the keys of every task that generates text. */
    public static final Set<String> GENERATION;

    static {
        Set<String> keys = new HashSet<>(Set.of("max_tokens", "stop", "stop_token_ids", "ignore_eos", "timeout_ms",
                "thinking"));
        keys.addAll(SamplingParams.OPTION_KEYS);
        GENERATION = Set.copyOf(keys);
    }

    public static final Set<String> GENERATE = with("chat", "system");
    public static final Set<String> GENERATE_WITH_IMAGE = with("system", MAX_PIXELS);
    public static final Set<String> TRANSLATE = GENERATION;
    public static final Set<String> CLASSIFY = Set.of("system");
    public static final Set<String> EMBED = Set.of("pooling");
    public static final Set<String> CAPTION = with("prompt", "system", MAX_PIXELS);

    private TaskKeys() {
    }

    /** {@code extra} plus the generation keys. */
    private static Set<String> with(String... extra) {
        Set<String> keys = new HashSet<>(GENERATION);
        keys.addAll(Set.of(extra));
        return Set.copyOf(keys);
    }

    /** Throws when {@code options} holds a key outside {@code known}, naming the caller and the known keys. */
    public static void checkKeys(String caller, Iterable<String> keys, Set<String> known) {
        for (String key : keys) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "' for " + caller + "; known options: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** A true/false option, {@code fallback} when absent. */
    public static boolean bool(java.util.Map<String, String> options, String key, boolean fallback) {
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
