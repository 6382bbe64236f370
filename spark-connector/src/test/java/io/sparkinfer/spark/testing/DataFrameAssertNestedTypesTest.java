package io.sparkinfer.spark.testing;

import static io.sparkinfer.spark.testing.DataFrameAssert.assertThat;
import static io.sparkinfer.spark.testing.DataFrameAssertTest.assertContains;
import static io.sparkinfer.spark.testing.Frames.row;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/** DataFrameAssert inside arrays, maps, structs, binary and decimal values. */
@ExtendWith(SparkSessionExtension.class)
class DataFrameAssertNestedTypesTest {

    private static final String VECTORS = "id INT, vectors ARRAY<ARRAY<FLOAT>>";

    private final SparkSession spark;

    DataFrameAssertNestedTypesTest(SparkSession spark) {
        this.spark = spark;
    }

    private Dataset<Row> vectors(float a, float b) {
        return Frames.of(spark, VECTORS,
                row(1, List.of(List.of(0.25f, Float.NaN), List.of(a, b))),
                row(2, Arrays.asList(null, List.of()))); // a null inner array, an empty one
    }

    @Test
    void nestedFloatArraysMatchWithinTolerance() {
        Dataset<Row> computed = vectors(0.5f, -1f).selectExpr("id", "transform(vectors, v -> transform(v, x -> x + CAST(1e-6 AS FLOAT)))");
        assertThat(computed.toDF("id", "vectors")).withTolerance(1e-5).isEqualTo(vectors(0.5f, -1f));
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(computed.toDF("id", "vectors")).isEqualTo(vectors(0.5f, -1f))),
                "row 0: vectors[0][0]: expected 0.25 but was 0.250001");
    }

    @Test
    void nestedFloatArraysFailOutOfToleranceWithThePath() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertThat(vectors(0.5f, -1.25f)).withTolerance(1e-3).isEqualTo(vectors(0.5f, -1f)));
        assertContains(e, "row 0: vectors[1][1]: expected -1.0 but was -1.25 (difference 0.25, tolerance absolute 0.001 + relative 0.001)");
        assertContains(e, "expected: [1, [[0.25, NaN], [0.5, -1.0]]]");
    }

    @Test
    void arraysOfDifferentLengthOrWithNullElementsDiffer() {
        Dataset<Row> expected = Frames.of(spark, "xs ARRAY<DOUBLE>", row(List.of(1.0, 2.0, 3.0)), row(Arrays.asList(1.0, null)));
        Dataset<Row> actual = Frames.of(spark, "xs ARRAY<DOUBLE>", row(List.of(1.0, 2.0)), row(Arrays.asList(1.0, 2.0)));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(actual).isEqualTo(expected));
        assertContains(e, "row 0: xs: expected [1.0, 2.0, 3.0] but was [1.0, 2.0] (3 elements expected, 2 actual)");
        assertContains(e, "row 1: xs[1]: expected null but was 2.0");
    }

    @Test
    void structFieldsCompareOneByOneWithTolerance() {
        String ddl = "p STRUCT<label: STRING, xy: ARRAY<DOUBLE>>";
        Dataset<Row> expected = Frames.of(spark, ddl, row(row("a", List.of(1.0, 2.0))), row((Object) null));
        Dataset<Row> close = Frames.of(spark, ddl, row(row("a", List.of(1.0 + 1e-9, 2.0))), row((Object) null));
        Dataset<Row> relabeled = Frames.of(spark, ddl, row(row("b", List.of(1.0, 2.0))), row((Object) null));

        assertThat(close).withTolerance(1e-6).isEqualTo(expected);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(relabeled).isEqualTo(expected));
        assertContains(e, "row 0: p.label: expected \"a\" but was \"b\"");
        assertContains(e, "expected: [{label: \"a\", xy: [1.0, 2.0]}]");
    }

    @Test
    void mapsIgnoreEntryOrderAndApplyToleranceToValues() {
        String ddl = "attrs MAP<STRING, DOUBLE>";
        Dataset<Row> expected = Frames.of(spark, ddl, row(ordered("a", 1.0, "b", 2.0)));
        Dataset<Row> reversedClose = Frames.of(spark, ddl, row(ordered("b", 2.0 + 1e-9, "a", 1.0)));
        Dataset<Row> offValue = Frames.of(spark, ddl, row(ordered("a", 1.0, "b", 2.5)));
        Dataset<Row> otherKey = Frames.of(spark, ddl, row(ordered("a", 1.0, "c", 2.0)));

        assertThat(reversedClose).withTolerance(1e-6).isEqualTo(expected);
        assertThat(reversedClose).withTolerance(1e-6).ignoringOrder().isEqualTo(expected);
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(offValue).isEqualTo(expected)),
                "row 0: attrs[\"b\"]: expected 2.0 but was 2.5");
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(otherKey).isEqualTo(expected)),
                "row 0: attrs: expected {\"a\" -> 1.0, \"b\" -> 2.0} but was {\"a\" -> 1.0, \"c\" -> 2.0} (key \"b\" missing in actual)");
    }

    @Test
    void binaryComparesByContent() {
        Dataset<Row> expected = Frames.of(spark, "bytes BINARY", row((Object) new byte[] {1, 2, (byte) 0xFF}));
        Dataset<Row> sameContent = Frames.of(spark, "bytes BINARY", row((Object) new byte[] {1, 2, (byte) 0xFF}));
        Dataset<Row> other = Frames.of(spark, "bytes BINARY", row((Object) new byte[] {1, 3}));

        assertThat(sameContent).isEqualTo(expected);
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(other).isEqualTo(expected)),
                "row 0: bytes: expected 0x0102ff but was 0x0103");
    }

    @Test
    void decimalsCompareByValue() {
        Dataset<Row> expected = Frames.of(spark, "amount DECIMAL(10, 2)", row(new BigDecimal("1.50")));
        Dataset<Row> computed = spark.sql("SELECT CAST(3 AS DECIMAL(10, 2)) / 2 AS amount").selectExpr("CAST(amount AS DECIMAL(10, 2)) AS amount");
        Dataset<Row> other = Frames.of(spark, "amount DECIMAL(10, 2)", row(new BigDecimal("1.51")));

        assertThat(computed).ignoringNullability().isEqualTo(expected);
        assertContains(assertThrows(AssertionFailedError.class, () -> assertThat(other).withTolerance(1).isEqualTo(expected)),
                "row 0: amount: expected 1.50 but was 1.51");
    }

    @Test
    void ignoringOrderMatchesNestedRowsWithinTolerance() {
        Dataset<Row> expected = Frames.of(spark, VECTORS, row(1, List.of(List.of(1f))), row(2, List.of(List.of(2f))));
        Dataset<Row> shuffledClose = Frames.of(spark, VECTORS, row(2, List.of(List.of(2.000001f))), row(1, List.of(List.of(1f))));

        assertThat(shuffledClose).ignoringOrder().withTolerance(1e-5).isEqualTo(expected);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(shuffledClose).ignoringOrder().isEqualTo(expected));
        assertContains(e, "1 expected row has no match in actual:\n    [2, [[2.0]]]");
        assertContains(e, "1 actual row has no match in expected:\n    [2, [[2.000001]]]");
    }

    private static Map<String, Double> ordered(String k1, double v1, String k2, double v2) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
