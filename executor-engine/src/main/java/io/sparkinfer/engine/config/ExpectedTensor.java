package io.sparkinfer.engine.config;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A tensor a config implies: its checkpoint name, its exact shape, and the config fields that give the
 * shape ({@code "2 * num_attention_heads=4 * head_dim=64, hidden_size=64"}) for error messages.
 */
public record ExpectedTensor(String name, long[] shape, String derivation) {

    public ExpectedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(derivation, "derivation");
        shape = shape.clone();
    }

    static ExpectedTensor of(String name, Dim... dims) {
        long[] shape = Arrays.stream(dims).mapToLong(Dim::value).toArray();
        String derivation = Arrays.stream(dims).map(Dim::expression).collect(Collectors.joining(", "));
        return new ExpectedTensor(name, shape, derivation);
    }

    /** A copy: the record stays immutable. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (parameters) in the tensor. */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Whether a checkpoint shape is exactly this one. */
    public boolean matches(long[] actual) {
        return Arrays.equals(shape, actual);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpectedTensor other && name.equals(other.name) && Arrays.equals(shape, other.shape)
                && derivation.equals(other.derivation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), derivation);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(shape);
    }
}
