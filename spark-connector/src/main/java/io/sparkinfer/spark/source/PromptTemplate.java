package io.sparkinfer.spark.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A prompt written over input columns, e.g. {@code Translate to French: {text}}: {@code {name}} is the value of
 * column {@code name} (matched case-insensitively, as Spark resolves names), {@code {{} and {@code }}} are literal
 * braces. A row where a named column is NULL has no prompt (its result is NULL, as for a SQL function).
 */
final class PromptTemplate implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final List<String> parts;   // literals at even indexes, column names at odd ones
    private final int[] ordinals;       // per column part, once bound
    private final DataType[] types;

    private PromptTemplate(String text, List<String> parts, int[] ordinals, DataType[] types) {
        this.text = text;
        this.parts = parts;
        this.ordinals = ordinals;
        this.types = types;
    }

    /** Parses {@code text}; {@code option} names the option in errors. */
    static PromptTemplate parse(String option, String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                String name = end < 0 ? "" : text.substring(i + 1, end).strip();
                if (end < 0 || name.isEmpty() || name.contains("{")) {
                    throw new IllegalArgumentException("option " + option + " = '" + text + "': the '{' at "
                            + (i + 1) + " opens no {column} name; write {{ for a literal brace");
                }
                parts.add(literal.toString());
                literal.setLength(0);
                parts.add(name);
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("option " + option + " = '" + text + "': the '}' at " + (i + 1)
                        + " closes nothing; write }} for a literal brace");
            } else {
                literal.append(c);
                i++;
            }
        }
        parts.add(literal.toString());
        return new PromptTemplate(text, List.copyOf(parts), null, null);
    }

    /** A template that is just the value of {@code column}. */
    static PromptTemplate column(String column) {
        return new PromptTemplate("{" + column + "}", List.of("", column, ""), null, null);
    }

    /** The column names it reads, in order of first use. */
    Set<String> columns() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return names;
    }

    /** This template reading rows of {@code schema}; fails naming the columns when one is missing or not text-like. */
    PromptTemplate bind(String option, StructType schema) {
        int columns = parts.size() / 2;
        int[] ords = new int[columns];
        DataType[] tys = new DataType[columns];
        for (int c = 0; c < columns; c++) {
            String name = parts.get(2 * c + 1);
            int ordinal = ordinal(schema, name);
            if (ordinal < 0) {
                throw new IllegalArgumentException("option " + option + " = '" + text + "' names column '" + name
                        + "', which the input does not have; its columns: " + String.join(", ", schema.fieldNames()));
            }
            DataType type = schema.fields()[ordinal].dataType();
            if (!(type instanceof StringType || type instanceof NumericType || type instanceof BooleanType)) {
                throw new IllegalArgumentException("option " + option + " = '" + text + "': column '" + name
                        + "' is " + type.simpleString() + "; a prompt can only use string, number or boolean columns");
            }
            ords[c] = ordinal;
            tys[c] = type;
        }
        return new PromptTemplate(text, parts, ords, tys);
    }

    /** The prompt for {@code row} (of the bound schema), or null when a column it reads is NULL. */
    String render(InternalRow row) {
        if (ordinals == null) {
            throw new IllegalStateException("[BUG] prompt template '" + text + "' rendered before it was bound");
        }
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int c = 0; c < ordinals.length; c++) {
            if (row.isNullAt(ordinals[c])) {
                return null;
            }
            Object value = row.get(ordinals[c], types[c]);
            out.append(types[c] instanceof DecimalType ? value.toString() : String.valueOf(value));
            out.append(parts.get(2 * c + 2));
        }
        return out.toString();
    }

    /** The index of {@code name} in {@code schema}: an exact match, else the one case-insensitive match, else -1. */
    static int ordinal(StructType schema, String name) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(name)) {
                return i;
            }
        }
        int found = -1;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return text;
    }
}
