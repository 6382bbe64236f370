package io.sparkinfer.engine.tokenizer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link TinyTokenizerBuilder} put things.
 *
 * @param directory the directory holding tokenizer.json and tokenizer_config.json
 * @param vocabSize the model's vocabulary size (embedding rows) the tokenizer was laid out for
 * @param bpeTokens number of byte-level BPE tokens, ids {@code 0..bpeTokens-1}
 * @param addedTokenIds the 26 added tokens by content, from {@code <|endoftext|>} at {@code vocabSize - 32}
 *     upwards; the last 6 ids stay unused
 */
public record TinyTokenizerLayout(Path directory, int vocabSize, int bpeTokens, Map<String, Integer> addedTokenIds) {

    public TinyTokenizerLayout {
        Objects.requireNonNull(directory, "directory must not be null");
        addedTokenIds = Map.copyOf(addedTokenIds);
    }

    /**
     * The id of an added token such as {@code "<|im_end|>"}.
     *
     * @throws IllegalArgumentException for any other string
     */
    public int id(String addedToken) {
        Integer id = addedTokenIds.get(addedToken);
        if (id == null) {
            throw new IllegalArgumentException("'" + addedToken + "' is not one of the tiny tokenizer's added tokens "
                    + addedTokenIds.keySet());
        }
        return id;
    }

    public int endOfText() {
        return id("<|endoftext|>");
    }

    public int imStart() {
        return id("<|im_start|>");
    }

    public int imEnd() {
        return id("<|im_end|>");
    }

    public int visionStart() {
        return id("<|vision_start|>");
    }

    public int visionEnd() {
        return id("<|vision_end|>");
    }

    public int imagePad() {
        return id("<|image_pad|>");
    }

    public int thinkStart() {
        return id("<think>");
    }

    public int thinkEnd() {
        return id("</think>");
    }
}
