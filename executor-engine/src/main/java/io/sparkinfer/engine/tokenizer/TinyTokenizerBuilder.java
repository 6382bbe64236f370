package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a small byte-level BPE tokenizer in Qwen3.5's layout, for random test models: {@code tokenizer.json}
 * (NFC normalizer, Qwen3.5's split regex then ByteLevel, ByteLevel decoder, as in the real file) and
 * {@code tokenizer_config.json} (a Qwen3.5-style ChatML chat template, eos {@code <|im_end|>}, pad
 * {@code <|endoftext|>}, no BOS).
 *
 * <p>Vocabulary: the 256 byte symbols, then merges learned greedily from a small built-in multilingual sample
 * text until ids {@code 0..vocabSize-33} are filled, then Qwen's 26 added tokens from {@code vocabSize - 32}
 * (for 512: {@code <|endoftext|>} 480 ... {@code </think>} 505; 506..511 unused, as padding rows of a model's
 * embedding). As in Qwen's files, {@code <tool_call>}, {@code <think>} and the tokens after
 * {@code <|video_pad|>} are not special. The output depends only on {@code vocabSize}: same bytes every time.
 * The built-in sample supports vocab sizes from 288 up to 1793; others are refused with the limit in the message.
 */
public final class TinyTokenizerBuilder {

    /** Qwen3.5's pre-tokenizer split pattern (spec section 7); {@code \p{M}} joins combining marks to letters. */
    static final String SPLIT_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** Qwen's added tokens in id order; the first 14 are special (skipped by decode with skipSpecialTokens). */
    static final List<String> ADDED_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>",
            "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>", "<|box_end|>", "<|quad_start|>",
            "<|quad_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>",
            "<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>",
            "<|repo_name|>", "<|file_sep|>", "<tool_response>", "</tool_response>", "<think>", "</think>");
    static final int SPECIAL_COUNT = 14;
    /** Rows reserved at the top of the vocabulary: the 26 added tokens and 6 unused ids. */
    static final int RESERVED_TOP = 32;
    static final int MIN_VOCAB_SIZE = 256 + RESERVED_TOP;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyTokenizerBuilder() {}

    /**
     * Writes tokenizer.json and tokenizer_config.json into {@code dir} (created if needed; existing files of
     * those names are replaced), with the added tokens at {@code vocabSize - 32} and BPE tokens below them.
     *
     * @param vocabSize the model's vocabulary size, at least 288
     * @throws IllegalArgumentException when {@code vocabSize} is below 288 or above what the sample supports
     */
    public static TinyTokenizerLayout write(Path dir, int vocabSize) {
        if (vocabSize < MIN_VOCAB_SIZE) {
            throw new IllegalArgumentException("Tiny tokenizer vocab size " + vocabSize + " is too small: it needs"
                    + " 256 byte tokens plus " + RESERVED_TOP + " reserved ids, so at least " + MIN_VOCAB_SIZE + ".");
        }
        return write(dir, vocabSize, vocabSize - RESERVED_TOP, vocabSize - RESERVED_TOP);
    }

    /**
     * Writes a small tokenizer for a model with a large vocabulary (the released shapes): {@value
     * #LARGE_VOCAB_BPE_TOKENS} BPE tokens, the added tokens from {@code firstAddedId} (248044 for the released
     * Qwen3.5 vocabulary, so token ids agree with the released config), every other id unused.
     */
    public static TinyTokenizerLayout writeForLargeVocab(Path dir, int vocabSize, int firstAddedId) {
        if (firstAddedId < LARGE_VOCAB_BPE_TOKENS || firstAddedId + ADDED_TOKENS.size() > vocabSize) {
            throw new IllegalArgumentException("added tokens from id " + firstAddedId + " do not fit a vocabulary of "
                    + vocabSize + " above " + LARGE_VOCAB_BPE_TOKENS + " BPE tokens");
        }
        return write(dir, vocabSize, LARGE_VOCAB_BPE_TOKENS, firstAddedId);
    }

    /** BPE tokens of {@link #writeForLargeVocab}: well inside what the built-in sample can learn. */
    static final int LARGE_VOCAB_BPE_TOKENS = 1024;

    private static TinyTokenizerLayout write(Path dir, int vocabSize, int bpeTokens, int firstAddedId) {
        Objects.requireNonNull(dir, "output directory must not be null");
        BpeMergeLearner.Result bpe;
        try {
            bpe = BpeMergeLearner.learn(sampleWords(), bpeTokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Tiny tokenizer vocab size " + vocabSize + " is too large: "
                    + e.getMessage() + " Use a vocab size of at most that plus " + RESERVED_TOP + ".", e);
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        for (int i = 0; i < ADDED_TOKENS.size(); i++) {
            added.put(ADDED_TOKENS.get(i), firstAddedId + i);
        }
        try {
            Files.createDirectories(dir);
            writeJson(dir.resolve(TokenizerFiles.TOKENIZER_JSON), tokenizerJson(bpe, added));
            writeJson(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON), tokenizerConfig(added));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the tiny tokenizer into " + dir.toAbsolutePath(), e);
        }
        return new TinyTokenizerLayout(dir, vocabSize, bpeTokens, added);
    }

    /** The sample text, NFC-normalised and split like the real pre-tokenizer, as byte-level symbol words. */
    private static Map<List<String>, Integer> sampleWords() {
        String text = Normalizer.normalize(resource("tiny-tokenizer-sample.txt"), Normalizer.Form.NFC);
        Matcher matcher = Pattern.compile(SPLIT_REGEX, Pattern.UNICODE_CHARACTER_CLASS).matcher(text);
        Map<List<String>, Integer> words = new LinkedHashMap<>();
        while (matcher.find()) {
            words.merge(ByteLevelAlphabet.symbols(matcher.group()), 1, Integer::sum);
        }
        return words;
    }

    private static ObjectNode tokenizerJson(BpeMergeLearner.Result bpe, Map<String, Integer> added) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode addedTokens = root.putArray("added_tokens");
        added.forEach((content, id) -> addedTokens.add(addedToken(content, id).put("id", id)));
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode preTokenizer = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = preTokenizer.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_REGEX);
        split.put("behavior", "Isolated").put("invert", false);
        steps.add(byteLevel());
        root.set("post_processor", byteLevel());
        root.set("decoder", byteLevel());
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "").put("fuse_unk", false)
                .put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        bpe.vocab().forEach(vocab::put);
        ArrayNode merges = model.putArray("merges");
        for (String[] merge : bpe.merges()) {
            merges.addArray().add(merge[0]).add(merge[1]);
        }
        return root;
    }

    private static ObjectNode tokenizerConfig(Map<String, Integer> added) {
        ObjectNode config = JSON.createObjectNode();
        config.put("add_bos_token", false).put("add_prefix_space", false);
        ObjectNode decoder = config.putObject("added_tokens_decoder");
        added.forEach((content, id) -> decoder.set(String.valueOf(id), addedToken(content, id)));
        ArrayNode additional = config.putArray("additional_special_tokens");
        ADDED_TOKENS.subList(1, SPECIAL_COUNT).forEach(additional::add);
        config.putNull("bos_token");
        config.put("chat_template", resource("qwen35-chat-template.jinja"));
        config.put("clean_up_tokenization_spaces", false).put("eos_token", "<|im_end|>").put("errors", "replace")
                .put("model_max_length", 262144).put("pad_token", "<|endoftext|>").put("split_special_tokens", false)
                .put("tokenizer_class", "Qwen2Tokenizer").putNull("unk_token");
        return config;
    }

    private static ObjectNode addedToken(String content, int id) {
        ObjectNode token = JSON.createObjectNode();
        token.put("content", content).put("single_word", false).put("lstrip", false).put("rstrip", false)
                .put("normalized", false).put("special", ADDED_TOKENS.indexOf(content) < SPECIAL_COUNT);
        return token;
    }

    private static ObjectNode byteLevel() {
        return JSON.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", false);
    }

    private static void writeJson(Path file, ObjectNode json) throws IOException {
        Files.write(file, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        try (InputStream in = TinyTokenizerBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("[BUG] resource " + name + " is missing from the sparkinfer jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + name, e);
        }
    }
}

