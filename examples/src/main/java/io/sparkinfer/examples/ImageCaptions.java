package io.sparkinfer.examples;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Captions every image of a directory with SQL: {@code binaryFile} reads the files, {@code llm_caption} describes
 * them; an image that does not decode gets its error in its own row. Needs a multimodal checkpoint (without
 * {@code SPARKINFER_MODEL}, a tiny random one with a vision tower). Usage: {@code ImageCaptions --images DIR}.
 */
public final class ImageCaptions {
    static final String CAPTIONS = "SELECT path, llm_caption(content, map('max_tokens', '32', 'result', 'struct'))"
            + " AS caption FROM binaryFile.`%s` ORDER BY path";

    public static void main(String[] args) {
        Map<String, String> a = Args.parse(args, Map.of("--images", ""), "ImageCaptions --images DIR");
        if (a.get("--images").isEmpty()) {
            System.err.println("usage: ImageCaptions --images DIR");
            System.exit(2);
        }
        SparkSession spark = ExampleSession.start("sparkinfer image captions", ExampleModel.resolve(true));
        try {
            spark.sql(String.format(CAPTIONS, a.get("--images")))
                    .selectExpr("path", "caption.text AS caption", "caption.error AS error").show(20, 80, false);
        } finally {
            spark.stop();
        }
    }
}
