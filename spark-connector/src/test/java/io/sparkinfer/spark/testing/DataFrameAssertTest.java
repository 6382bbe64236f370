package io.sparkinfer.spark.testing;

import static io.sparkinfer.spark.testing.DataFrameAssert.assertThat;
import static io.sparkinfer.spark.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/** DataFrameAssert on flat columns: what passes, what fails, and what the failure says. */
@ExtendWith(SparkSessionExtension.class)
class DataFrameAssertTest {

    private static final String SCHEMA = "id INT, name STRING, score DOUBLE";

    private final SparkSession spark;

    DataFrameAssertTest(SparkSession spark) {
        this.spark = spark;
    }

    private Dataset<Row> people() {
        return Frames.of(spark, SCHEMA, row(1, "a", 0.5), row(2, "b", Double.NaN), row(3, null, null));
    }

    @Test
    void passesOnEqualFramesComputedDifferently() {
        Dataset<Row> computed = Frames.of(spark, SCHEMA, row(1, "A", 0.25), row(2, "B", Double.NaN), row(3, null, null))
                .selectExpr("id", "lower(name) AS name", "score * 2 AS score");
        assertThat(computed).isEqualTo(people());
    }

    @Test
    void passesOnReorderedRowsWhenIgnoringOrder() {
        assertThat(people().orderBy(col("id").desc())).ignoringOrder().isEqualTo(people());
    }

    @Test
    void passesWithinToleranceButNotExactly() {
        Dataset<Row> sum = spark.sql("SELECT 1 AS id, 'a' AS name, CAST(0.1 AS DOUBLE) + CAST(0.2 AS DOUBLE) AS score");
        Dataset<Row> expected = Frames.of(spark, "id INT NOT NULL, name STRING NOT NULL, score DOUBLE NOT NULL", row(1, "a", 0.3));

        assertThat(sum).withTolerance(1e-12).isEqualTo(expected);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(sum).isEqualTo(expected));
        assertContains(e, "row 0: score: expected 0.3 but was 0.30000000000000004");
    }

    @Test
    void failsOnDifferentValue() {
        Dataset<Row> actual = Frames.of(spark, SCHEMA, row(1, "a", 0.5), row(2, "x", Double.NaN), row(3, null, null));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(actual).isEqualTo(people()));
        assertContains(e, "expected 3 rows, actual 3 rows; 1 row differs");
        assertContains(e, "row 1: name: expected \"b\" but was \"x\"");
        assertContains(e, "    expected: [2, \"b\", NaN]\n    actual:   [2, \"x\", NaN]");
    }

    @Test
    void failsOnARowMore() {
        Dataset<Row> actual = people().union(Frames.of(spark, SCHEMA, row(4, "d", 1.0)));
        AssertionFailedError ordered = assertThrows(AssertionFailedError.class, () -> assertThat(actual).isEqualTo(people()));
        assertContains(ordered, "expected 3 rows, actual 4 rows");
        assertContains(ordered, "row 3: extra in actual\n    actual:   [4, \"d\", 1.0]");

        AssertionFailedError unordered = assertThrows(AssertionFailedError.class, () -> assertThat(actual).ignoringOrder().isEqualTo(people()));
        assertContains(unordered, "order ignored): expected 3 rows, actual 4 rows");
        assertContains(unordered, "1 actual row has no match in expected:\n    [4, \"d\", 1.0]");
    }

    @Test
    void failsOnSchemaDifference() {
        Dataset<Row> floats = people().withColumn("score", col("score").cast("float"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(floats).isEqualTo(people()));
        assertContains(e, "column 2: expected `score` double (nullable), actual `score` float (nullable)");
        assertContains(e, "actual schema:\nroot\n |-- id: integer (nullable = true)");

        Dataset<Row> renamed = people().withColumnRenamed("name", "label");
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(renamed).isEqualTo(people())),
                "column 1: expected `name` string (nullable), actual `label` string (nullable)");
    }

    @Test
    void nullabilityCountsUnlessIgnored() {
        Dataset<Row> notNullIds = Frames.of(spark, "id INT NOT NULL, name STRING, score DOUBLE", row(1, "a", 0.5));
        Dataset<Row> nullableIds = Frames.of(spark, SCHEMA, row(1, "a", 0.5));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(nullableIds).isEqualTo(notNullIds));
        assertContains(e, "column 0: expected `id` int (not null), actual `id` int (nullable)");
        assertThat(nullableIds).ignoringNullability().isEqualTo(notNullIds);
    }

    @Test
    void failsOnReorderedRowsWithoutIgnoreOrder() {
        Dataset<Row> reordered = people().orderBy(col("id").desc());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(reordered).isEqualTo(people()));
        assertContains(e, "2 rows differ");
        assertContains(e, "row 0: id: expected 1 but was 3");
        assertContains(e, "same rows in a different order; use ignoringOrder()");
    }

    @Test
    void failsOutOfTolerance() {
        Dataset<Row> off = Frames.of(spark, SCHEMA, row(1, "a", 0.5 + 1e-3), row(2, "b", Double.NaN), row(3, null, null));
        assertThat(off).withTolerance(1e-2).isEqualTo(people());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(off).withTolerance(1e-6).isEqualTo(people()));
        assertContains(e, "row 0: score: expected 0.5 but was 0.501 (difference 0.0010000000000000009, tolerance absolute 1.0E-6 + relative 1.0E-6)");
    }

    @Test
    void failsOnNullVersusValue() {
        Dataset<Row> filled = Frames.of(spark, SCHEMA, row(1, "a", 0.5), row(2, "b", Double.NaN), row(3, null, 1.5));
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(filled).isEqualTo(people())),
                "row 2: score: expected null but was 1.5");
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(people()).withTolerance(1).isEqualTo(filled)),
                "row 2: score: expected 1.5 but was null");
    }

    @Test
    void nanEqualsOnlyNan() {
        Dataset<Row> number = Frames.of(spark, SCHEMA, row(1, "a", 0.5), row(2, "b", 1.0), row(3, null, null));
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(number).withTolerance(10).isEqualTo(people())),
                "row 1: score: expected NaN but was 1.0");
    }

    @Test
    void ignoringOrderStillCountsDuplicates() {
        Dataset<Row> expected = Frames.of(spark, SCHEMA, row(1, "a", 0.5), row(1, "a", 0.5), row(2, "b", 1.0));
        Dataset<Row> actual = Frames.of(spark, SCHEMA, row(2, "b", 1.0), row(1, "a", 0.5), row(2, "b", 1.0));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(actual).ignoringOrder().isEqualTo(expected));
        assertContains(e, "1 expected row has no match in actual:\n    [1, \"a\", 0.5]");
        assertContains(e, "1 actual row has no match in expected:\n    [2, \"b\", 1.0]");
    }

    @Test
    void reportsAtMostFiveDifferingRows() {
        Dataset<Row> expected = spark.range(8).selectExpr("CAST(id AS INT) AS id", "'n' AS name", "CAST(id AS DOUBLE) AS score");
        Dataset<Row> actual = expected.withColumn("score", col("score").plus(1));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(actual).isEqualTo(expected));
        assertContains(e, "8 rows differ");
        assertContains(e, "row 4: score: expected 4.0 but was 5.0");
        assertContains(e, "... and 3 more not shown");
        assertTrue(!e.getMessage().contains("row 5:"), e.getMessage());
    }

    @Test
    void rejectsInvalidTolerance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assertThat(people()).withTolerance(-1, 0));
        assertTrue(e.getMessage().contains("absolute tolerance must be finite and >= 0, got -1.0"), e.getMessage());
    }

    static void assertContains(Throwable failure, String expectedPart) {
        assertTrue(failure.getMessage().contains(expectedPart),
                () -> "message lacks <" + expectedPart + ">; message was:\n" + failure.getMessage());
    }
}
