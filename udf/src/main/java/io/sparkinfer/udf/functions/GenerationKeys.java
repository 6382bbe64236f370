package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.sampling.SamplingParams;
import java.util.HashSet;
import java.util.Set;

/** The option keys of functions that generate text: decoding limits, stops and sampling. */
final class GenerationKeys {
    static final Set<String> KEYS;

    static {
        Set<String> keys = new HashSet<>(Set.of("max_tokens", "stop", "stop_token_ids", "ignore_eos", "timeout_ms",
                "thinking"));
        keys.addAll(SamplingParams.OPTION_KEYS);
        KEYS = Set.copyOf(keys);
    }

    private GenerationKeys() {
    }

    /** {@code extra} plus the generation keys. */
    static Set<String> with(String... extra) {
        Set<String> keys = new HashSet<>(KEYS);
        keys.addAll(Set.of(extra));
        return Set.copyOf(keys);
    }
}
