package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.runtime.Prompt;
import java.util.List;
import java.util.Map;

/** The chat prompt of an image call: the image, then the text, as one user turn (thinking as the options say). */
final class ImagePrompts {
    /** Bounds the resized image's pixel count (and so its tokens and cost); the engine reads it. */
    static final String MAX_PIXELS = "max_pixels";

    private ImagePrompts() {
    }

    static Prompt chat(Map<String, String> options, String text, byte[] image) {
        return new Prompt.Chat(options.getOrDefault("system", ""), text, CallOptions.bool(options, "thinking", false),
                List.of(image));
    }
}
