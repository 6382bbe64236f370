package io.sparkinfer.engine.sampling;

import java.util.Map;

/** TEMPORARY stub until the sampling branch lands. */
public record SamplingParams(double temperature, int topK, double topP, double minP, double repetitionPenalty,
        double presencePenalty, long seed) {
    public static final SamplingParams GREEDY = new SamplingParams(0, 0, 1, 0, 1, 0, 0);

    public boolean greedy() {
        return temperature == 0;
    }

    public static SamplingParams fromOptions(Map<String, String> options, SamplingParams defaults) {
        double t = options.containsKey("temperature") ? Double.parseDouble(options.get("temperature")) : defaults.temperature;
        long seed = options.containsKey("seed") ? Long.parseLong(options.get("seed")) : defaults.seed;
        return new SamplingParams(t, defaults.topK, defaults.topP, defaults.minP, defaults.repetitionPenalty,
                defaults.presencePenalty, seed);
    }
}
