package io.sparkinfer.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} arguments over defaults; an unknown name or a missing value prints the usage and exits 2. */
final class Args {

    private Args() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults, String usage) {
        return parse(args, defaults, List.of(), usage);
    }

    /** As above; {@code repeatable} names collect every value, joined by newlines. */
    static Map<String, String> parse(String[] args, Map<String, String> defaults, List<String> repeatable,
            String usage) {
        Map<String, String> out = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                System.out.println("usage: " + usage);
                System.exit(0);
            }
            if (!defaults.containsKey(name) && !repeatable.contains(name) || i + 1 >= args.length) {
                System.err.println((i + 1 >= args.length && defaults.containsKey(name) ? name + " needs a value"
                        : "unknown argument " + name) + "\nusage: " + usage);
                System.exit(2);
            }
            String value = args[++i];
            out.merge(name, value, (old, v) -> repeatable.contains(name) && !old.isEmpty() ? old + "\n" + v : v);
        }
        return out;
    }
}
