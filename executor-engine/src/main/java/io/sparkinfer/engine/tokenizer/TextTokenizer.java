package io.sparkinfer.engine.tokenizer;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Hugging Face fast tokenizer ({@code tokenizer.json}) run by the native Rust library through DJL.
 *
 * <p>Text goes in exactly as given: nothing is added (Qwen has no BOS and appends no EOS), nothing is
 * truncated or padded, lower-cased, accent-stripped or prefixed with a space, and decoding does not "clean
 * up" spaces. Special-token strings in the text, such as {@code <|im_end|>}, are recognised as single tokens.
 * For that reason {@code tokenizer_config.json} is deliberately <em>not</em> handed to DJL: DJL would derive
 * such rewrites from it (add_prefix_space, strip_accents, clean_up_tokenization_spaces, adding special
 * tokens when a bos/eos token is named); its chat template is read by {@link ChatTemplate}.
 *
 * <p>DJL copies its native library to a cache directory on first use; see {@link TokenizerNativeCache} for
 * how that directory is chosen (default {@code ${java.io.tmpdir}/sparkinfer-djl-<user>}, overridable with
 * {@code -Dsparkinfer.tokenizer.cacheDir=<dir>}).
 *
 * <p>Encoding and decoding are safe from many threads at once; {@link #close()} must not race with them.
 */
public final class TextTokenizer implements AutoCloseable {

    private final Path source;
    private final HuggingFaceTokenizer hf;
    private final TokenizerVocabulary vocabulary;
    private volatile boolean closed;

    private TextTokenizer(Path source, HuggingFaceTokenizer tokenizer, TokenizerVocabulary vocabulary) {
        this.source = source;
        this.hf = tokenizer;
        this.vocabulary = vocabulary;
    }

    /**
     * Loads a tokenizer from a model directory holding {@code tokenizer.json} (a {@code tokenizer_config.json}
     * next to it is allowed and ignored here), or from the {@code tokenizer.json} file itself.
     *
     * @throws IllegalArgumentException when the file is missing or is not a valid tokenizer.json
     * @throws UncheckedIOException when it cannot be read
     * @throws IllegalStateException when the native library cannot be set up
     */
    public static TextTokenizer load(Path path) {
        Path json = TokenizerFiles.tokenizerJson(path);
        TokenizerVocabulary vocabulary = TokenizerVocabulary.read(json);
        TokenizerNativeCache.configure();
        HuggingFaceTokenizer tokenizer;
        try {
            // A file path (not the directory) keeps DJL from reading tokenizer_config.json; see the class doc.
            HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(json)
                    .optAddSpecialTokens(false)
                    .optWithOverflowingTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .optDoLowerCase(false);
            builder.configure(Map.of("stripAccents", "false", "addPrefixSpace", "false"));
            tokenizer = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tokenizer file " + json.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        } catch (EngineException e) {
            throw new IllegalStateException("DJL could not load its native tokenizers library from "
                    + TokenizerNativeCache.configure() + "/tokenizers: " + e.getMessage() + ". Delete that directory"
                    + " if it holds a broken copy, or choose another with -D" + TokenizerNativeCache.CACHE_DIR_PROPERTY
                    + "=<dir>.", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The Hugging Face tokenizers library rejected " + json.toAbsolutePath()
                    + ": " + e.getMessage() + ". Check that it is a tokenizer.json written by tokenizers/transformers.",
                    e);
        }
        return new TextTokenizer(json, tokenizer, vocabulary);
    }

    /** The token ids of {@code text}; empty text gives no ids. */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text to encode must not be null");
        checkOpen();
        return toInts(hf.encode(text, false, false).getIds());
    }

    /** {@link #encode} of each text, in order, in one native call. */
    public List<int[]> encodeBatch(List<String> texts) {
        Objects.requireNonNull(texts, "texts to encode must not be null");
        for (int i = 0; i < texts.size(); i++) {
            Objects.requireNonNull(texts.get(i), "text " + i + " of the batch to encode is null");
        }
        checkOpen();
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = hf.batchEncode(texts, false, false);
        List<int[]> out = new ArrayList<>(encodings.length);
        for (Encoding encoding : encodings) {
            out.add(toInts(encoding.getIds()));
        }
        return List.copyOf(out);
    }

    /**
     * The text of {@code ids}. With {@code skipSpecialTokens}, the tokens marked special in tokenizer.json are
     * left out ({@code <think>}, {@code <tool_call>} and the like are not special in Qwen's files and stay).
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        Objects.requireNonNull(ids, "ids to decode must not be null");
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (!vocabulary.hasToken(ids[i])) {
                throw new IllegalArgumentException("Cannot decode position " + i + ": "
                        + vocabulary.unknownId(ids[i]));
            }
            longs[i] = ids[i];
        }
        checkOpen();
        return hf.decode(longs, skipSpecialTokens);
    }

    /**
     * Like {@link #decode} with special tokens skipped, but an id with no token (an embedding padding row, or most
     * ids of a random model whose small tokenizer covers a few of its rows) shows as {@code [id N]} instead of
     * failing the whole text.
     */
    public String decodeLenient(int[] ids) {
        StringBuilder text = new StringBuilder();
        int from = 0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || !vocabulary.hasToken(ids[i])) {
                text.append(decode(java.util.Arrays.copyOfRange(ids, from, i), true));
                if (i < ids.length) {
                    text.append("[id ").append(ids[i]).append(']');
                }
                from = i + 1;
            }
        }
        return text.toString();
    }

    /** The id of a vocabulary entry or added token, given in its stored form (e.g. {@code "Ġworld"}). */
    public OptionalInt tokenId(String token) {
        Objects.requireNonNull(token, "token must not be null");
        return vocabulary.id(token);
    }

    /**
     * The stored form of token {@code id} (byte-level BPE shows a leading space as {@code Ġ}).
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    public String token(int id) {
        return vocabulary.token(id);
    }

    /**
     * One more than the highest token id, added tokens included (151,669 for Qwen3). A model's embedding
     * table may have more rows than this; those rows have no token.
     */
    public int vocabSize() {
        return vocabulary.size();
    }

    /** Ids of the added tokens marked {@code "special": true}, the ones {@code skipSpecialTokens} drops. */
    public Set<Integer> specialTokenIds() {
        return vocabulary.specialIds();
    }

    /** The tokenizer.json this was loaded from. */
    public Path source() {
        return source;
    }

    /** Frees the native tokenizer; later calls to encode or decode fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            hf.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("TextTokenizer for " + source.toAbsolutePath() + " is closed.");
        }
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
