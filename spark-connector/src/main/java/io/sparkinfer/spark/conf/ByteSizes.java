package io.sparkinfer.spark.conf;

import java.util.Locale;

/** Byte sizes as Spark users write them: {@code 1048576}, {@code 64k}, {@code 512m}, {@code 2g}, {@code 1t}. */
final class ByteSizes {

    private ByteSizes() {
    }

    static long parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = 0;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits.trim());
            if (n > 0 && n <= (Long.MAX_VALUE >> shift)) {
                return n << shift;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " = '" + value + "' is not a positive byte size; write e.g. 512m,"
                + " 2g or a number of bytes");
    }
}
