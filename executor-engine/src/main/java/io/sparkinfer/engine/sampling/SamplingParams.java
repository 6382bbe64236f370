package io.sparkinfer.engine.sampling;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the next token is chosen.
 *
 * @param temperature       0 = greedy (argmax, the lowest id on ties); above 0 divides the logits
 * @param topK              keep the k most likely tokens (0 = off)
 * @param topP              keep the smallest set of most likely tokens whose probability reaches p (1 = off)
 * @param minP              drop tokens less likely than minP times the most likely one (0 = off)
 * @param repetitionPenalty for every token in the prompt or the output: a positive logit is divided by it, a
 *                          negative one multiplied (1 = off; as Hugging Face transformers)
 * @param presencePenalty   subtracted once from the logit of every token already generated (0 = off; as vLLM)
 * @param seed              the request's random seed: draws depend only on it and the generation step
 */
public record SamplingParams(double temperature, int topK, double topP, double minP, double repetitionPenalty,
        double presencePenalty, long seed) {

    public static final SamplingParams GREEDY = new SamplingParams(0, 0, 1, 0, 1, 0, 0);

    public SamplingParams {
        check(temperature >= 0 && temperature <= 100, "temperature", temperature, "a number from 0 (greedy) to 100");
        check(topK >= 0, "top_k", topK, "an integer >= 0 (0 = off)");
        check(topP > 0 && topP <= 1, "top_p", topP, "a number in (0, 1] (1 = off)");
        check(minP >= 0 && minP < 1, "min_p", minP, "a number in [0, 1) (0 = off)");
        check(repetitionPenalty > 0 && repetitionPenalty <= 10, "repetition_penalty", repetitionPenalty,
                "a number in (0, 10] (1 = off)");
        check(presencePenalty >= -2 && presencePenalty <= 2, "presence_penalty", presencePenalty,
                "a number from -2 to 2 (0 = off)");
    }

    /** Temperature 0: the most likely token, no randomness. */
    public boolean greedy() {
        return temperature == 0;
    }

    /** The option keys {@link #fromOptions} reads. */
    public static final java.util.Set<String> OPTION_KEYS = java.util.Set.of("temperature", "top_k", "top_p", "min_p",
            "repetition_penalty", "presence_penalty", "seed");

    /**
     * {@code defaults} overridden by string options: {@code temperature}, {@code top_k}, {@code top_p},
     * {@code min_p}, {@code repetition_penalty}, {@code presence_penalty}, {@code seed}; other keys are left to
     * the caller.
     */
    public static SamplingParams fromOptions(Map<String, String> options, SamplingParams defaults) {
        return new SamplingParams(
                decimal(options, "temperature", defaults.temperature, "a number from 0 (greedy) to 100"),
                (int) integer(options, "top_k", defaults.topK),
                decimal(options, "top_p", defaults.topP, "a decimal in (0, 1]"),
                decimal(options, "min_p", defaults.minP, "a decimal in [0, 1)"),
                decimal(options, "repetition_penalty", defaults.repetitionPenalty, "a decimal in (0, 10]"),
                decimal(options, "presence_penalty", defaults.presencePenalty, "a decimal from -2 to 2"),
                integer(options, "seed", defaults.seed));
    }

    /** These parameters as the string options {@link #fromOptions} reads. */
    public Map<String, String> toOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("temperature", Double.toString(temperature));
        out.put("top_k", Integer.toString(topK));
        out.put("top_p", Double.toString(topP));
        out.put("min_p", Double.toString(minP));
        out.put("repetition_penalty", Double.toString(repetitionPenalty));
        out.put("presence_penalty", Double.toString(presencePenalty));
        out.put("seed", Long.toString(seed));
        return out;
    }

    private static double decimal(Map<String, String> options, String key, double fallback, String expected) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + key + " = '" + value + "' is not a number; expected " + expected);
    }

    private static long integer(Map<String, String> options, String key, long fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (key.equals("top_k") && (v < 0 || v > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " = '" + value + "' is not "
                    + (key.equals("top_k") ? "an integer >= 0" : "an integer"));
        }
    }

    private static void check(boolean ok, String key, double value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("sampling option " + key + " = " + format(value) + " is out of range;"
                    + " expected " + expected);
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
