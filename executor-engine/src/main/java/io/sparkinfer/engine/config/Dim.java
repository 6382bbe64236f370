package io.sparkinfer.engine.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One tensor dimension together with the config arithmetic that gives it, e.g. value 512 with expression
 * {@code 2 * num_attention_heads=4 * head_dim=64}, so a shape error can say why the config expects it.
 */
record Dim(long value, String expression) {

    /** A config key and its value: {@code hidden_size=64}. */
    static Dim key(String key, long value) {
        return new Dim(value, key + "=" + value);
    }

    static Dim constant(long value) {
        return new Dim(value, Long.toString(value));
    }

    static Dim times(Dim... factors) {
        long product = 1;
        for (Dim factor : factors) {
            product = Math.multiplyExact(product, factor.value);
        }
        String expression = Arrays.stream(factors)
                .map(f -> f.expression.contains(" + ") ? "(" + f.expression + ")" : f.expression)
                .collect(Collectors.joining(" * "));
        return new Dim(product, expression);
    }

    static Dim plus(Dim... terms) {
        long sum = 0;
        for (Dim term : terms) {
            sum = Math.addExact(sum, term.value);
        }
        return new Dim(sum, Arrays.stream(terms).map(Dim::expression).collect(Collectors.joining(" + ")));
    }
}
