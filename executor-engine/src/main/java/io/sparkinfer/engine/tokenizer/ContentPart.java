package io.sparkinfer.engine.tokenizer;

import java.util.Objects;

/** One item of a message's content, rendered in list order: a piece of text or an image placeholder. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image {

    /** A piece of text, rendered as is. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text of a content part must not be null");
        }
    }

    /**
     * An image: the template renders {@code <|vision_start|><|image_pad|><|vision_end|>}, and the image
     * processor later expands the single {@code <|image_pad|>} into one pad per merged patch. The pixels travel
     * beside the conversation, one image per Image part, in order.
     */
    record Image() implements ContentPart {}

    static ContentPart text(String text) {
        return new Text(text);
    }

    static ContentPart image() {
        return new Image();
    }
}
