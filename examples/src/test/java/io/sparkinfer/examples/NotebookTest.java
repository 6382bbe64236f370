package io.sparkinfer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notebook is a valid Jupyter notebook (nbformat 4), and every SQL statement in its cells runs here, in order,
 * on a local session with the tiny model (the notebook's own relative paths: Maven runs this in examples/).
 */
class NotebookTest {
    static final Path NOTEBOOK = Path.of("sparkinfer-sql.ipynb");
    private static final Pattern SQL = Pattern.compile("spark\\.sql\\(\"\"\"(.*?)\"\"\"\\)", Pattern.DOTALL);

    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions",
            "spark.sparkinfer.model=" + TinyModel.path(),
            "spark.sparkinfer.option.max_tokens=4",
            "spark.sql.adaptive.enabled=false");

    static JsonNode notebook() throws IOException {
        return new ObjectMapper().readTree(NOTEBOOK.toFile());
    }

    /** The SQL statements of the code cells, in order. */
    static List<String> statements(JsonNode nb) {
        List<String> out = new ArrayList<>();
        for (JsonNode cell : nb.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                Matcher m = SQL.matcher(source(cell));
                while (m.find()) {
                    out.add(m.group(1).strip());
                }
            }
        }
        return out;
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.get("source");
        if (s.isTextual()) {
            return s.asText();
        }
        StringBuilder b = new StringBuilder();
        s.forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    @Test
    void isAValidNotebook() throws IOException {
        JsonNode nb = notebook();
        assertEquals(4, nb.get("nbformat").asInt());
        assertTrue(nb.get("nbformat_minor").asInt() >= 4);
        assertTrue(nb.get("metadata").isObject());
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode cell : nb.get("cells")) {
            String type = cell.get("cell_type").asText();
            assertTrue(Set.of("markdown", "code").contains(type), type);
            assertTrue(cell.get("metadata").isObject());
            assertTrue(cell.get("source").isArray() || cell.get("source").isTextual());
            assertTrue(ids.add(cell.get("id").asText()), "cell ids are unique");
            if (type.equals("code")) {
                assertTrue(cell.get("outputs").isArray());
                assertTrue(cell.has("execution_count"));
            }
        }
        String all = String.join("\n", statements(nb));
        for (String used : List.of("llm_translate", "llm_classify", "llm_generate", "llm_embed", "USING sparkinfer")) {
            assertTrue(all.contains(used), "the notebook shows " + used);
        }
    }

    @Test
    void everyStatementRuns(SparkSession spark) throws IOException {
        List<String> sql = statements(notebook());
        assertTrue(sql.size() >= 8, "statements: " + sql.size());
        for (String statement : sql) {
            List<Row> rows = spark.sql(statement).collectAsList();
            if (statement.startsWith("SELECT")) {
                assertFalse(rows.isEmpty(), "rows from: " + statement);
                for (Row r : rows) {
                    for (int i = 0; i < r.length(); i++) {
                        assertFalse(r.isNullAt(i), "column " + r.schema().fieldNames()[i] + " of " + r + " from: "
                                + statement);
                    }
                }
            }
            System.out.println("notebook statement ran (" + rows.size() + " rows): "
                    + statement.lines().findFirst().orElse(""));
        }
        spark.sql("UNCACHE TABLE IF EXISTS question_vectors");
    }
}
