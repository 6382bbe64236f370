package io.sparkinfer.spark.testing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.opentest4j.AssertionFailedError;

/**
 * Asserts that two DataFrames are equal: first the schemas (names, types, nullability), then the rows.
 *
 * <pre>{@code
 * DataFrameAssert.assertThat(actual).ignoringOrder().withTolerance(1e-6).isEqualTo(expected);
 * }</pre>
 *
 * Floats and doubles match within the tolerance (also inside arrays, maps and structs), NaN equals NaN,
 * binary values compare by content, decimals by value. Both frames are collected to the driver, so keep
 * them test-sized. Each option returns a new instance; the defaults are: order compared, nullability
 * compared, exact numbers.
 */
public final class DataFrameAssert {

    private final Dataset<Row> actual;
    private final boolean ignoreOrder;
    private final boolean ignoreNullability;
    private final Tolerance tolerance;

    private DataFrameAssert(Dataset<Row> actual, boolean ignoreOrder, boolean ignoreNullability, Tolerance tolerance) {
        this.actual = actual;
        this.ignoreOrder = ignoreOrder;
        this.ignoreNullability = ignoreNullability;
        this.tolerance = tolerance;
    }

    /** Starts an assertion on the DataFrame under test. */
    public static DataFrameAssert assertThat(Dataset<Row> actual) {
        return new DataFrameAssert(Objects.requireNonNull(actual, "actual DataFrame"), false, false, Tolerance.EXACT);
    }

    /** Rows match as multisets: same rows, each as many times, in any order. */
    public DataFrameAssert ignoringOrder() {
        return new DataFrameAssert(actual, true, ignoreNullability, tolerance);
    }

    /** Schemas match even when nullable flags (of columns, struct fields, array elements, map values) differ. */
    public DataFrameAssert ignoringNullability() {
        return new DataFrameAssert(actual, ignoreOrder, true, tolerance);
    }

    /** Floats and doubles match when {@code |e - a| <= t + t * max(|e|, |a|)}. */
    public DataFrameAssert withTolerance(double absoluteAndRelative) {
        return withTolerance(absoluteAndRelative, absoluteAndRelative);
    }

    /** Floats and doubles match when {@code |e - a| <= absolute + relative * max(|e|, |a|)}. */
    public DataFrameAssert withTolerance(double absolute, double relative) {
        return new DataFrameAssert(actual, ignoreOrder, ignoreNullability, new Tolerance(absolute, relative));
    }

    /**
     * Fails with {@link AssertionFailedError} when the schemas differ (showing both trees) or the rows differ
     * (showing row counts and the first differing rows: index, path of the differing value, both rows).
     */
    public void isEqualTo(Dataset<Row> expected) {
        Objects.requireNonNull(expected, "expected DataFrame");
        Optional<String> schemaDifference = SchemaComparison.difference(expected.schema(), actual.schema(), !ignoreNullability);
        if (schemaDifference.isPresent()) {
            throw new AssertionFailedError(schemaDifference.get());
        }
        List<Row> expectedRows = expected.collectAsList();
        List<Row> actualRows = actual.collectAsList();
        RowsComparison rows = new RowsComparison(expected.schema(), new ValueComparison(tolerance));
        Optional<String> rowDifference = ignoreOrder ? rows.unordered(expectedRows, actualRows) : rows.ordered(expectedRows, actualRows);
        if (rowDifference.isPresent()) {
            throw new AssertionFailedError(rowDifference.get());
        }
    }
}
