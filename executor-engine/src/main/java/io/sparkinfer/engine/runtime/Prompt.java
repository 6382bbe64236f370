package io.sparkinfer.engine.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The input of a request: raw text, a chat turn rendered with the model's template, or token ids. A shared
 * prefix (an instruction template every row starts with) marks what the prefix cache may reuse across requests.
 */
public sealed interface Prompt permits Prompt.Text, Prompt.Chat, Prompt.Ids {

    /** Encoded image files (JPEG, PNG, GIF, BMP, WebP) the prompt shows the model, in order; none by default. */
    default List<byte[]> images() {
        return List.of();
    }

    /** Text used as it is. {@code sharedPrefix} ("" for none) must be a prefix of {@code text}. */
    record Text(String text, String sharedPrefix) implements Prompt {
        public Text {
            Objects.requireNonNull(text, "text");
            sharedPrefix = sharedPrefix == null ? "" : sharedPrefix;
            if (!text.startsWith(sharedPrefix)) {
                throw new IllegalArgumentException("the shared prefix '" + abbreviate(sharedPrefix)
                        + "' is not a prefix of the prompt '" + abbreviate(text) + "'");
            }
        }
    }

    /**
     * One user turn (after an optional system message), rendered with the chat template; {@code thinking} lets
     * the model think first (off for batch jobs). The rendered text before the user's content is the shared prefix.
     */
    record Chat(String system, String user, boolean thinking, List<byte[]> images) implements Prompt {
        public Chat {
            Objects.requireNonNull(user, "user");
            system = system == null ? "" : system;
            images = copyImages(images);
        }

        /** A text-only turn. */
        public Chat(String system, String user, boolean thinking) {
            this(system, user, thinking, List.of());
        }

        @Override
        public List<byte[]> images() {
            return copyImages(images);
        }
    }

    /**
     * Token ids; the first {@code sharedPrefixLength} of them are the shared prefix (0 for none). With images, the
     * ids hold one {@code <|image_pad|>} per image, which the engine expands to the image's merged token count.
     */
    record Ids(int[] ids, int sharedPrefixLength, List<byte[]> images) implements Prompt {
        public Ids {
            ids = ids.clone();
            images = copyImages(images);
            if (sharedPrefixLength < 0 || sharedPrefixLength > ids.length) {
                throw new IllegalArgumentException("shared prefix length " + sharedPrefixLength + " must be within 0.."
                        + ids.length + " (the prompt's length)");
            }
        }

        public Ids(int[] ids, int sharedPrefixLength) {
            this(ids, sharedPrefixLength, List.of());
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }

        @Override
        public List<byte[]> images() {
            return copyImages(images);
        }
    }

    static Prompt text(String text) {
        return new Text(text, "");
    }

    static Prompt chat(String user) {
        return new Chat("", user, false);
    }

    static Prompt ids(int... ids) {
        return new Ids(ids, 0);
    }

    private static List<byte[]> copyImages(List<byte[]> images) {
        if (images == null) {
            return List.of();
        }
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) == null) {
                throw new IllegalArgumentException("image " + i + " is null; give the encoded bytes of an image file");
            }
        }
        return images.stream().map(byte[]::clone).toList();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
