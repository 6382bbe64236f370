package io.sparkinfer.spark.plugin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver plugin refuses a bad model when the application starts, before any task runs. */
class DriverValidationTest {

    private static SparkSession start(String model) {
        return SparkSession.builder().master("local[1]").appName("DriverValidationTest")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.plugins", "io.sparkinfer.spark.SparkInferPlugin")
                .config("spark.sparkinfer.model", model).getOrCreate();
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void aMissingModelDirectoryFailsTheApplicationAtStart(@TempDir Path dir) {
        String missing = dir.resolve("no-such-model").toString();
        Exception e = assertThrows(Exception.class, () -> start(missing).stop());
        assertTrue(messages(e).contains("spark.sparkinfer.model = " + missing), messages(e));
        assertTrue(messages(e).contains("does not exist"), messages(e));
    }

    @Test
    void aDirectoryWithoutWeightsFailsNamingTheProblem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"qwen3_5_text\"}");
        Exception e = assertThrows(Exception.class, () -> start(dir.toString()).stop());
        assertTrue(messages(e).contains("is not a usable model"), messages(e));
    }

    @Test
    void aRemoteModelWithoutConfigFails(@TempDir Path dir) {
        String uri = dir.toUri().toString();
        Exception e = assertThrows(Exception.class, () -> start(uri).stop());
        assertTrue(messages(e).contains("has no config.json"), messages(e));
    }
}
