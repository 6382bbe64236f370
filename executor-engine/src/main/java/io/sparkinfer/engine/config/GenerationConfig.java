package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A checkpoint's {@code generation_config.json}: stop ids and the sampling defaults the model was released
 * with. Absent values stay empty so that a caller can tell "not set" from a value (request options win
 * over these, these over engine defaults).
 *
 * @param eosTokenIds       stop ids; {@code eos_token_id} is one id or a list (Qwen3.5 chat: [im_end, endoftext])
 * @param doSample          false means greedy decoding (HF default)
 * @param topK              0 disables top-k (HF convention)
 */
public record GenerationConfig(
        List<Integer> eosTokenIds,
        OptionalInt bosTokenId,
        OptionalInt padTokenId,
        boolean doSample,
        OptionalDouble temperature,
        OptionalInt topK,
        OptionalDouble topP,
        OptionalDouble minP,
        OptionalDouble repetitionPenalty,
        OptionalInt maxNewTokens) {

    public static final String FILE_NAME = "generation_config.json";

    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        eosTokenIds.forEach(id -> Checks.nonNegative("eos_token_id", id));
        bosTokenId.ifPresent(id -> Checks.nonNegative("bos_token_id", id));
        padTokenId.ifPresent(id -> Checks.nonNegative("pad_token_id", id));
        temperature.ifPresent(t -> {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new ConfigException("temperature=" + t + " must be a finite number >= 0 (0 means greedy)");
            }
        });
        topK.ifPresent(k -> Checks.nonNegative("top_k", k));
        topP.ifPresent(p -> {
            if (!(p > 0 && p <= 1)) {
                throw new ConfigException("top_p=" + p + " must be in (0, 1]");
            }
        });
        minP.ifPresent(p -> {
            if (!(p >= 0 && p <= 1)) {
                throw new ConfigException("min_p=" + p + " must be in [0, 1]");
            }
        });
        repetitionPenalty.ifPresent(r -> Checks.positiveFinite("repetition_penalty", r));
        maxNewTokens.ifPresent(n -> Checks.positive("max_new_tokens", n));
    }

    /** Greedy decoding that stops on the given ids; what a model without generation_config.json gets. */
    public static GenerationConfig defaults(List<Integer> eosTokenIds) {
        return new GenerationConfig(eosTokenIds, OptionalInt.empty(), OptionalInt.empty(), false,
                OptionalDouble.empty(), OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.empty());
    }

    /**
     * What Qwen3.5 releases ship: stop on {@code <|im_end|>} and {@code <|endoftext|>}, bos = pad =
     * endoftext, sampling at temperature 0.6, top_k 20, top_p 0.95 (spec section 7).
     */
    public static GenerationConfig qwen35(int imEndId, int endOfTextId) {
        return new GenerationConfig(List.of(imEndId, endOfTextId), OptionalInt.of(endOfTextId),
                OptionalInt.of(endOfTextId), true, OptionalDouble.of(0.6), OptionalInt.of(20),
                OptionalDouble.of(0.95), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());
    }

    /**
     * Reads generation_config.json from a model directory; without the file, greedy defaults that stop on
     * config.json's eos ids. A file without {@code eos_token_id} also falls back to config.json's.
     */
    public static GenerationConfig load(Path modelDir, ModelConfig model) {
        Path file = modelDir.resolve(FILE_NAME);
        return ConfigFiles.readIfPresent(file)
                .map(json -> parse(json, file.toString(), model.eosTokenIds()))
                .orElseGet(() -> defaults(model.eosTokenIds()));
    }

    /** Parses generation_config.json text; {@code sourceName} starts every error message. */
    public static GenerationConfig parse(String json, String sourceName, List<Integer> fallbackEos) {
        try {
            JsonFields f = JsonFields.of(ConfigFiles.parseObject(json));
            List<Integer> eos = f.optionalIntOrIntList("eos_token_id").orElse(fallbackEos);
            return new GenerationConfig(eos, f.optionalInt("bos_token_id"), f.optionalInt("pad_token_id"),
                    f.optionalBoolean("do_sample", false), f.optionalDouble("temperature"), f.optionalInt("top_k"),
                    f.optionalDouble("top_p"), f.optionalDouble("min_p"), f.optionalDouble("repetition_penalty"),
                    f.optionalInt("max_new_tokens"));
        } catch (ConfigException e) {
            throw e.at(sourceName);
        }
    }

    /** This config as generation_config.json (only the values that are set). */
    public ObjectNode toJson() {
        ObjectNode out = ConfigFiles.MAPPER.createObjectNode();
        bosTokenId.ifPresent(id -> out.put("bos_token_id", id));
        out.put("do_sample", doSample);
        ModelConfigWriter.writeTokenIds(out, "eos_token_id", eosTokenIds);
        maxNewTokens.ifPresent(n -> out.put("max_new_tokens", n));
        minP.ifPresent(p -> out.put("min_p", p));
        padTokenId.ifPresent(id -> out.put("pad_token_id", id));
        repetitionPenalty.ifPresent(r -> out.put("repetition_penalty", r));
        temperature.ifPresent(t -> out.put("temperature", t));
        topK.ifPresent(k -> out.put("top_k", k));
        topP.ifPresent(p -> out.put("top_p", p));
        return out;
    }
}
