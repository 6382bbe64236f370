package io.sparkinfer.spark.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of configuration keys lists exactly the keys the code knows, with their defaults. */
class ReadmeKeysTest {

    @Test
    void everyKeyIsDocumentedOnceAndNoOtherKeyIs() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = Pattern.compile("(?m)^\\| `(spark\\.sparkinfer\\.[A-Za-z.]+)` \\| ([^|]*) \\|").matcher(readme);
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1));
            ConfKey key = SparkInferConf.ALL.stream().filter(k -> k.name().equals(m.group(1))).findFirst().orElse(null);
            assertTrue(key != null, "the README documents " + m.group(1) + ", which the code does not know");
            String shown = m.group(2).trim();
            if (key.defaultValue() != null && !key.defaultValue().isEmpty()) {
                assertEquals("`" + key.defaultValue() + "`", shown, "default of " + key.name());
            }
        }
        assertEquals(SparkInferConf.ALL.stream().map(ConfKey::name).toList(), documented,
                "the README's table lists every key, in the code's order");
    }
}
