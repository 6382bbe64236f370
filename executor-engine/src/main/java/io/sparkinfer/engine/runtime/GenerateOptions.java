package io.sparkinfer.engine.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkinfer.engine.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a generate request decodes: at most {@code maxTokens} new tokens; it stops at the model's eos ids
 * (unless {@code ignoreEos}), at any of {@code stopIds}, or when the text contains one of {@code stopStrings}
 * (cut before it); {@code timeoutMillis} (0 = none) bounds its wall time from submission; {@code maxPixels}
 * (0 = the checkpoint's bound) lowers the pixel count the prompt's images are resized to at most.
 */
public record GenerateOptions(int maxTokens, List<String> stopStrings, List<Integer> stopIds, SamplingParams sampling,
        boolean ignoreEos, long timeoutMillis, long maxPixels) {

    /** Greedy, 256 new tokens, eos stops, no other stop, no time limit. */
    public static final GenerateOptions DEFAULTS = new GenerateOptions(256, List.of(), List.of(), SamplingParams.GREEDY,
            false, 0, 0);

    public GenerateOptions {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
        }
        stopStrings = List.copyOf(stopStrings);
        for (String s : stopStrings) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a stop string must not be empty");
            }
        }
        stopIds = List.copyOf(stopIds);
        Objects.requireNonNull(sampling, "sampling");
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout_ms must be >= 0 (0 = no limit), got " + timeoutMillis);
        }
        if (maxPixels < 0) {
            throw new IllegalArgumentException("max_pixels must be a positive integer (or 0 for the checkpoint's"
                    + " bound), got " + maxPixels);
        }
    }

    /** Without a per-request image bound. */
    public GenerateOptions(int maxTokens, List<String> stopStrings, List<Integer> stopIds, SamplingParams sampling,
            boolean ignoreEos, long timeoutMillis) {
        this(maxTokens, stopStrings, stopIds, sampling, ignoreEos, timeoutMillis, 0);
    }

    public GenerateOptions withMaxPixels(long pixels) {
        return new GenerateOptions(maxTokens, stopStrings, stopIds, sampling, ignoreEos, timeoutMillis, pixels);
    }

    public GenerateOptions withMaxTokens(int n) {
        return new GenerateOptions(n, stopStrings, stopIds, sampling, ignoreEos, timeoutMillis, maxPixels);
    }

    public GenerateOptions withSampling(SamplingParams s) {
        return new GenerateOptions(maxTokens, stopStrings, stopIds, s, ignoreEos, timeoutMillis, maxPixels);
    }

    public GenerateOptions withStopStrings(List<String> stops) {
        return new GenerateOptions(maxTokens, stops, stopIds, sampling, ignoreEos, timeoutMillis, maxPixels);
    }

    public GenerateOptions withTimeoutMillis(long millis) {
        return new GenerateOptions(maxTokens, stopStrings, stopIds, sampling, ignoreEos, millis, maxPixels);
    }

    /**
     * These options overridden by string options (SQL {@code map<string,string>}): {@code max_tokens},
     * {@code stop} (one string, or a JSON array of strings), {@code stop_token_ids} (comma-separated ids),
     * {@code ignore_eos}, {@code timeout_ms}, and the sampling keys of {@link SamplingParams#fromOptions}.
     * Other keys are left to the caller.
     */
    public GenerateOptions withOptions(Map<String, String> options) {
        int max = options.containsKey("max_tokens") ? OptionValues.integer(options, "max_tokens") : maxTokens;
        List<String> stops = options.containsKey("stop") ? stopList(options.get("stop")) : stopStrings;
        List<Integer> ids = options.containsKey("stop_token_ids") ? idList(options.get("stop_token_ids")) : stopIds;
        boolean noEos = options.containsKey("ignore_eos") ? OptionValues.bool(options, "ignore_eos") : ignoreEos;
        long timeout = options.containsKey("timeout_ms") ? OptionValues.longValue(options, "timeout_ms") : timeoutMillis;
        long pixels = options.containsKey("max_pixels") ? OptionValues.longValue(options, "max_pixels") : maxPixels;
        if (options.containsKey("max_pixels") && pixels < 1) {
            throw new IllegalArgumentException("option max_pixels = " + pixels + " must be a positive integer");
        }
        return new GenerateOptions(max, stops, ids, SamplingParams.fromOptions(options, sampling), noEos, timeout,
                pixels);
    }

    private static List<String> stopList(String value) {
        String v = value.trim();
        if (!v.startsWith("[")) {
            return List.of(value);
        }
        try {
            JsonNode array = new ObjectMapper().readTree(v);
            List<String> out = new ArrayList<>();
            for (JsonNode n : array) {
                if (!n.isTextual()) {
                    throw new IllegalArgumentException("option stop = " + value + ": every element must be a string");
                }
                out.add(n.asText());
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("option stop = " + value + " starts with '[' but is not a JSON array of"
                    + " strings (" + e.getOriginalMessage() + "); give one stop string, or [\"a\", \"b\"]");
        }
    }

    private static List<Integer> idList(String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(OptionValues.parseInt("stop_token_ids", part.trim()));
            }
        }
        return out;
    }
}
