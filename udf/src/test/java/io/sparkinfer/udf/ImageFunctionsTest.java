package io.sparkinfer.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image functions over a directory read with {@code binaryFile}: {@code llm_caption(content)} and
 * {@code llm_generate(prompt, content)} equal the engine outside Spark on the same bytes, and a corrupt file
 * fails only its own row, with a message.
 */
class ImageFunctionsTest {
    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions",
            "spark.sparkinfer.model=" + TinyModel.withVision(),
            "spark.kryo.registrationRequired=true",
            "spark.kryo.registrator=io.sparkinfer.spark.SparkInferKryoRegistrator",
            "spark.sql.adaptive.enabled=false");

    @TempDir
    static Path images;
    private static DirectEngine direct;

    @BeforeAll
    static void start(SparkSession spark) throws IOException {
        Files.write(images.resolve("gradient.png"), encode(gradient(96, 64), "png"));
        Files.write(images.resolve("square.jpg"), encode(gradient(40, 40), "jpg"));
        byte[] png = encode(gradient(80, 80), "png");
        Files.write(images.resolve("broken.png"), Arrays.copyOf(png, png.length / 3));
        spark.read().format("binaryFile").load(images.toString()).createOrReplaceTempView("images");
        direct = new DirectEngine(TinyModel.withVision());
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            direct.close();
        }
    }

    private static BufferedImage gradient(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | ((x + y) % 256));
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    private static String name(Row r) {
        return Path.of(java.net.URI.create(r.getString(0))).getFileName().toString();
    }

    @Test
    void captionEqualsTheEngineAndACorruptFileFailsOnlyItsRow(SparkSession spark) throws IOException {
        List<Row> rows = spark.sql("SELECT path, content, llm_caption(content, map('max_tokens', '4',"
                + " 'result', 'struct')) AS c FROM images ORDER BY path").collectAsList();
        assertEquals(3, rows.size());
        for (Row r : rows) {
            Row c = r.getStruct(2);
            if (name(r).equals("broken.png")) {
                assertNull(c.get(0), "no caption for the corrupt file");
                assertEquals("error", c.getString(1));
                assertTrue(c.getString(4).toLowerCase().contains("image"), c.getString(4));
                System.out.println("corrupt image row: " + c.getString(4));
                continue;
            }
            byte[] bytes = Files.readAllBytes(images.resolve(name(r)));
            InferenceResult expected = direct.run(InferenceRequest.generate(
                    new Prompt.Chat("", "Describe this image in one sentence.", false, List.of(bytes)),
                    GenerateOptions.DEFAULTS.withMaxTokens(4)));
            assertTrue(expected.ok(), expected.error());
            assertEquals(expected.text(), c.getString(0), name(r));
            assertEquals(expected.promptTokens(), c.getInt(2), "prompt tokens of " + name(r));
            assertTrue(c.getInt(2) > 20, "the prompt holds the image's tokens: " + c.getInt(2));
        }
    }

    @Test
    void theSourceCaptionsADirectoryAsTheFunctionDoes(SparkSession spark) {
        List<Row> sql = spark.sql("SELECT path, llm_caption(content, map('max_tokens', '4', 'result', 'struct'))"
                + " AS c FROM images ORDER BY path").collectAsList();
        List<Row> source = spark.read().format("sparkinfer").option("task", "caption").option("max_tokens", "4")
                .option("result", "struct").load(images.toString()).orderBy("path").collectAsList();
        assertEquals(List.of("path", "modificationTime", "length", "content", "result"),
                List.of(source.get(0).schema().fieldNames()));
        assertEquals(sql.size(), source.size());
        for (int i = 0; i < sql.size(); i++) {
            Row expected = sql.get(i).getStruct(1);
            Row actual = source.get(i).getStruct(4);
            assertEquals(sql.get(i).getString(0), source.get(i).getString(0));
            assertEquals(expected, actual, name(sql.get(i)));
            assertEquals(name(sql.get(i)).equals("broken.png"), "error".equals(actual.getString(1)),
                    "only the corrupt file fails: " + actual);
        }
        List<Row> pruned = spark.read().format("sparkinfer").option("task", "caption").option("max_tokens", "4")
                .load(images.toString()).select("path", "result").orderBy("path").collectAsList();
        assertEquals(3, pruned.size());
        assertEquals(2, pruned.stream().filter(r -> !r.isNullAt(1)).count(), "two captions, NULL for the corrupt file");
    }

    @Test
    void generateWithAnImageEqualsTheEngine(SparkSession spark) throws IOException {
        List<Row> rows = spark.sql("SELECT path, llm_generate('What is in the picture?', content,"
                + " map('max_tokens', '4', 'max_pixels', '100000')) AS g, llm_generate('What is in the picture?') AS t"
                + " FROM images WHERE path NOT LIKE '%broken.png' ORDER BY path").collectAsList();
        assertEquals(2, rows.size());
        for (Row r : rows) {
            byte[] bytes = Files.readAllBytes(images.resolve(name(r)));
            InferenceResult expected = direct.run(InferenceRequest.generate(
                    new Prompt.Chat("", "What is in the picture?", false, List.of(bytes)),
                    GenerateOptions.DEFAULTS.withOptions(java.util.Map.of("max_tokens", "4", "max_pixels", "100000"))));
            assertTrue(expected.ok(), expected.error());
            assertEquals(expected.text(), r.getString(1), name(r));
            assertFalse(r.isNullAt(2), "the text-only overload still resolves");
        }
    }
}
