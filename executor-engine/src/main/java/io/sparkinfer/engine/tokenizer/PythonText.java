package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The Python string operations that Qwen's Jinja templates use, with Python's exact semantics, so that the
 * Java renderers produce the same bytes as {@code transformers}' {@code apply_chat_template}.
 */
final class PythonText {

    private PythonText() {}

    /** {@code str.isspace()} for one code point (CPython's table; differs from Java's isWhitespace). */
    static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** {@code s.strip()}, which is also Jinja's {@code trim} filter. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** {@code s.lstrip(c)} for a single character. */
    static String lstrip(String s, char c) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == c) {
            start++;
        }
        return s.substring(start);
    }

    /** {@code s.rstrip(c)} for a single character. */
    static String rstrip(String s, char c) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code s.strip(c)} for a single character. */
    static String strip(String s, char c) {
        return rstrip(lstrip(s, c), c);
    }

    /** {@code s.split(sep)[0]}: the text before the first {@code sep}, or all of it. */
    static String beforeFirst(String s, String sep) {
        int at = s.indexOf(sep);
        return at < 0 ? s : s.substring(0, at);
    }

    /** {@code s.split(sep)[-1]}: the text after the last {@code sep}, or all of it. */
    static String afterLast(String s, String sep) {
        int at = s.lastIndexOf(sep);
        return at < 0 ? s : s.substring(at + sep.length());
    }

    /** Python's {@code str(v)} of a JSON scalar as {@code json.loads} would have produced it. */
    static String str(JsonNode scalar) {
        if (scalar.isTextual()) {
            return scalar.asText();
        }
        if (scalar.isBoolean()) {
            return scalar.booleanValue() ? "True" : "False";
        }
        if (scalar.isNull()) {
            return "None";
        }
        if (scalar.isIntegralNumber()) {
            return scalar.bigIntegerValue().toString();
        }
        if (scalar.isNumber()) {
            double d = Double.parseDouble(scalar.asText());
            if (Double.isNaN(d)) {
                return "nan";
            }
            return Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : floatRepr(d);
        }
        throw new IllegalArgumentException("[BUG] str() of a non-scalar JSON value: " + scalar);
    }

    /**
     * Python's {@code repr(float)} of a finite double: the shortest digits that read back to the same double,
     * in fixed notation for decimal exponents -4..15 and scientific notation ({@code 1e+16}, {@code 1.5e-05})
     * outside that range.
     */
    static String floatRepr(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // value = d.ddd x 10^exponent
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        if (exponent < 0) {
            return sign + "0." + "0".repeat(-exponent - 1) + digits;
        }
        if (digits.length() <= exponent + 1) {
            return sign + digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        }
        return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }

    private static BigDecimal shortestRoundTrip(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == positive) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
