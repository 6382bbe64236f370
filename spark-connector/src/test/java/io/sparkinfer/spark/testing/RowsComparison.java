package io.sparkinfer.spark.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Compares collected rows of one schema, in order or as multisets, and describes the differences. */
final class RowsComparison {

    /** How many differing rows a failure message shows. */
    static final int MAX_REPORTED = 5;

    private final StructType schema;
    private final ValueComparison values;

    RowsComparison(StructType schema, ValueComparison values) {
        this.schema = schema;
        this.values = values;
    }

    /** Row i of expected against row i of actual. */
    Optional<String> ordered(List<Row> expected, List<Row> actual) {
        List<String> reports = new ArrayList<>();
        int differing = 0;
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            Optional<String> report = orderedRowReport(i, expected, actual);
            if (report.isPresent()) {
                differing++;
                if (reports.size() < MAX_REPORTED) {
                    reports.add(report.get());
                }
            }
        }
        if (differing == 0) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(header("order compared", expected, actual))
                .append("; ").append(differing).append(differing == 1 ? " row differs" : " rows differ").append(":\n");
        reports.forEach(out::append);
        appendOmitted(out, differing - reports.size());
        if (expected.size() == actual.size() && unordered(expected, actual).isEmpty()) {
            out.append("The frames hold the same rows in a different order; use ignoringOrder() if order does not matter.\n");
        }
        return Optional.of(out.toString());
    }

    /**
     * Each expected row paired with a distinct equal actual row. Rows are bucketed by their canonical text
     * first (fast, exact), and only the leftovers are paired by the tolerant comparison.
     */
    Optional<String> unordered(List<Row> expected, List<Row> actual) {
        Map<String, Deque<Row>> actualByKey = new HashMap<>();
        for (Row row : actual) {
            actualByKey.computeIfAbsent(key(row), k -> new ArrayDeque<>()).add(row);
        }
        List<Row> unmatchedExpected = new ArrayList<>();
        for (Row row : expected) {
            Deque<Row> bucket = actualByKey.get(key(row));
            if (bucket == null || !removeFirstEqual(row, bucket)) {
                unmatchedExpected.add(row);
            }
        }
        List<Row> unmatchedActual = new ArrayList<>();
        actualByKey.values().forEach(unmatchedActual::addAll);
        unmatchedExpected.removeIf(row -> removeFirstEqual(row, unmatchedActual));
        if (unmatchedExpected.isEmpty() && unmatchedActual.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(header("order ignored", expected, actual)).append(":\n");
        appendUnmatched(out, unmatchedExpected, "expected", "actual");
        appendUnmatched(out, unmatchedActual, "actual", "expected");
        return Optional.of(out.toString());
    }

    private Optional<String> orderedRowReport(int i, List<Row> expected, List<Row> actual) {
        if (i >= actual.size()) {
            return Optional.of("  row " + i + ": missing in actual\n    expected: " + render(expected.get(i)) + "\n");
        }
        if (i >= expected.size()) {
            return Optional.of("  row " + i + ": extra in actual\n    actual:   " + render(actual.get(i)) + "\n");
        }
        return values.rowDifference(schema, expected.get(i), actual.get(i)).map(difference -> "  row " + i + ": " + difference
                + "\n    expected: " + render(expected.get(i)) + "\n    actual:   " + render(actual.get(i)) + "\n");
    }

    private boolean removeFirstEqual(Row row, Iterable<Row> candidates) {
        for (Iterator<Row> it = candidates.iterator(); it.hasNext(); ) {
            if (values.rowDifference(schema, row, it.next()).isEmpty()) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private void appendUnmatched(StringBuilder out, List<Row> rows, String side, String other) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("  ").append(rows.size()).append(' ').append(side).append(rows.size() == 1 ? " row has" : " rows have")
                .append(" no match in ").append(other).append(":\n");
        rows.stream().map(this::render).sorted().limit(MAX_REPORTED).forEach(r -> out.append("    ").append(r).append('\n'));
        appendOmitted(out, rows.size() - Math.min(rows.size(), MAX_REPORTED));
    }

    private static void appendOmitted(StringBuilder out, int omitted) {
        if (omitted > 0) {
            out.append("  ... and ").append(omitted).append(" more not shown\n");
        }
    }

    private static String header(String mode, List<Row> expected, List<Row> actual) {
        return "DataFrames differ (" + mode + "): expected " + expected.size() + " rows, actual " + actual.size() + " rows";
    }

    private String key(Row row) {
        return ValueRenderer.row(schema, row, true);
    }

    private String render(Row row) {
        return ValueRenderer.row(schema, row, false);
    }
}
