package io.sparkinfer.engine.layers;

/**
 * How {@link GatedDeltaNet} runs the gated delta rule over the several new tokens of one sequence in a call:
 * in chunks of {@code chunkSize} tokens (Hugging Face's form, 64 by default) or token by token (recurrent).
 * A single new token always takes the recurrent form. Both forms compute the same function up to f32
 * rounding; the knob exists so tests can show that, layer by layer, and bisect a drift to the chunked kernel.
 *
 * @param tokenByToken the recurrent form; then {@code chunkSize} is 0
 * @param chunkSize tokens per chunk of the chunked form, at least 1
 */
public record DeltaRuleForm(boolean tokenByToken, int chunkSize) {
    /** Hugging Face's chunk length for the chunked delta rule. */
    public static final int HF_CHUNK_SIZE = 64;
    /** What a model uses unless told otherwise: chunks of {@value #HF_CHUNK_SIZE}. */
    public static final DeltaRuleForm DEFAULT = chunked(HF_CHUNK_SIZE);

    public DeltaRuleForm {
        if (tokenByToken && chunkSize != 0) {
            throw new IllegalArgumentException("the recurrent delta rule has no chunk size, got " + chunkSize
                    + "; use DeltaRuleForm.recurrent()");
        }
        if (!tokenByToken && chunkSize < 1) {
            throw new IllegalArgumentException("delta rule chunk size must be at least 1 token, got " + chunkSize);
        }
    }

    /** Chunks of {@code chunkSize} tokens for multi-token calls. */
    public static DeltaRuleForm chunked(int chunkSize) {
        return new DeltaRuleForm(false, chunkSize);
    }

    /** Token by token, also for multi-token calls (slower for long prefills; the numerical baseline). */
    public static DeltaRuleForm recurrent() {
        return new DeltaRuleForm(true, 0);
    }

    @Override
    public String toString() {
        return tokenByToken ? "recurrent" : "chunks of " + chunkSize;
    }
}
