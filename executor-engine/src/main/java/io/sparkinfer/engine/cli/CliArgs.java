package io.sparkinfer.engine.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed `--name value`, `--name=value` and bare `--flag` options of one command.
 * A value that starts with "--" is never taken as a value: `--vision --seed 3` reads as a flag and an option.
 * Only the options of {@link #REPEATABLE} may be given more than once ({@link #all}).
 */
final class CliArgs {
    /** Options that may repeat: one image file each. */
    static final Set<String> REPEATABLE = Set.of("image");

    private final String command;
    private final Map<String, String> values;
    private final Map<String, List<String>> repeats;

    private CliArgs(String command, Map<String, String> values, Map<String, List<String>> repeats) {
        this.command = command;
        this.values = values;
        this.repeats = repeats;
    }

    static CliArgs parse(String command, List<String> argv, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> repeats = new LinkedHashMap<>();
        List<String> stray = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                stray.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = "";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) {
                value = argv.get(++i);
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + " for '" + command + "'; known options: --"
                        + String.join(", --", known.stream().sorted().toList()));
            }
            repeats.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            if (values.put(name, value) != null && !REPEATABLE.contains(name)) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        if (!stray.isEmpty()) {
            throw new UsageException("unexpected argument(s) " + stray + " for '" + command
                    + "': every argument is an option such as --model DIR");
        }
        return new CliArgs(command, Collections.unmodifiableMap(values), Collections.unmodifiableMap(repeats));
    }

    /** Every value of an option, in order (none when absent). */
    List<String> all(String name) {
        List<String> all = repeats.getOrDefault(name, List.of());
        if (all.contains("")) {
            throw new UsageException("option --" + name + " needs a value");
        }
        return List.copyOf(all);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> get(String name) {
        String v = values.get(name);
        if (v != null && v.isEmpty()) {
            throw new UsageException("option --" + name + " needs a value");
        }
        return Optional.ofNullable(v);
    }

    String require(String name) {
        return get(name).orElseThrow(() -> new UsageException("'" + command + "' needs --" + name));
    }

    /** A bare flag: present without a value (or with true/false). */
    boolean flag(String name) {
        String v = values.get(name);
        if (v == null) {
            return false;
        }
        if (v.isEmpty() || v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new UsageException("option --" + name + " is a flag; got the value '" + v + "'");
    }

    long getLong(String name, long defaultValue) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a whole number; got '" + v.get() + "'");
        }
    }

    int getInt(String name, int defaultValue) {
        long v = getLong(name, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new UsageException("option --" + name + " is out of range: " + v);
        }
        return (int) v;
    }
}
