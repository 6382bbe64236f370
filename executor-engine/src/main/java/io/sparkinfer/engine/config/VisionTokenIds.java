package io.sparkinfer.engine.config;

import java.util.stream.IntStream;

/**
 * The special token ids a multimodal prompt uses around an image or video (config.json top level).
 * HF defaults are the released vocabulary's ids ({@link #QWEN3_5}).
 */
public record VisionTokenIds(int imageTokenId, int videoTokenId, int visionStartTokenId, int visionEndTokenId) {

    /** {@code <|image_pad|>} 248056, {@code <|video_pad|>} 248057, {@code <|vision_start|>} 248053, end 248054. */
    public static final VisionTokenIds QWEN3_5 = new VisionTokenIds(248_056, 248_057, 248_053, 248_054);

    public VisionTokenIds {
        Checks.nonNegative("image_token_id", imageTokenId);
        Checks.nonNegative("video_token_id", videoTokenId);
        Checks.nonNegative("vision_start_token_id", visionStartTokenId);
        Checks.nonNegative("vision_end_token_id", visionEndTokenId);
        if (IntStream.of(imageTokenId, videoTokenId, visionStartTokenId, visionEndTokenId).distinct().count() != 4) {
            throw new ConfigException(describe(imageTokenId, videoTokenId, visionStartTokenId, visionEndTokenId)
                    + " must be four different tokens");
        }
    }

    /** The ids as config.json spells them, for messages. */
    public String describe() {
        return describe(imageTokenId, videoTokenId, visionStartTokenId, visionEndTokenId);
    }

    private static String describe(int image, int video, int start, int end) {
        return "image_token_id=" + image + ", video_token_id=" + video + ", vision_start_token_id=" + start
                + ", vision_end_token_id=" + end;
    }

    /** The largest of the four ids, to check against the vocabulary size. */
    public int maxId() {
        return Math.max(Math.max(imageTokenId, videoTokenId), Math.max(visionStartTokenId, visionEndTokenId));
    }

    static VisionTokenIds read(JsonFields f) {
        int image = f.optionalInt("image_token_id", QWEN3_5.imageTokenId());
        int video = f.optionalInt("video_token_id", QWEN3_5.videoTokenId());
        int start = f.optionalInt("vision_start_token_id", QWEN3_5.visionStartTokenId());
        int end = f.optionalInt("vision_end_token_id", QWEN3_5.visionEndTokenId());
        return new VisionTokenIds(image, video, start, end);
    }
}
