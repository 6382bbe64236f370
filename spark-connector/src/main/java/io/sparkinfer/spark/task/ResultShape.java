package io.sparkinfer.spark.task;

import io.sparkinfer.engine.runtime.InferenceResult;
import java.util.Locale;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What a call returns: its plain type (STRING, ARRAY&lt;FLOAT&gt;; NULL for a failed row), or with the option
 * {@code 'result','struct'} a struct that also says how it finished and why it failed.
 */
public enum ResultShape {
    PLAIN, STRUCT;

    public static final String OPTION = "result";

    /** The shape the {@code result} option asks for (absent: plain). */
    public static ResultShape parse(String value) {
        if (value == null || value.isBlank()) {
            return PLAIN;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "plain" -> PLAIN;
            case "struct" -> STRUCT;
            default -> throw new IllegalArgumentException("option result = '" + value + "' is not a result shape;"
                    + " use 'plain' (the value, NULL on error) or 'struct' (value, finish_reason, prompt_tokens,"
                    + " completion_tokens, error)");
        };
    }

    /** The struct for a function whose value is {@code valueName} of {@code valueType}. */
    public static StructType struct(String valueName, DataType valueType) {
        return new StructType()
                .add(valueName, valueType, true)
                .add("finish_reason", DataTypes.StringType, true)
                .add("prompt_tokens", DataTypes.IntegerType, true)
                .add("completion_tokens", DataTypes.IntegerType, true)
                .add("error", DataTypes.StringType, true);
    }

    /** The column type for a task whose plain value is {@code valueName} of {@code valueType}. */
    public DataType type(String valueName, DataType valueType) {
        return this == PLAIN ? valueType : struct(valueName, valueType);
    }

    /** A successful result in this shape: {@code value} (as Spark stores it), or the struct around it. */
    public Object success(Object value, InferenceResult result) {
        if (this == PLAIN) {
            return value;
        }
        return new GenericInternalRow(new Object[] {value,
                UTF8String.fromString(result.finish().name().toLowerCase(Locale.ROOT)), result.promptTokens(),
                result.completionTokens(), null});
    }

    /** A failed row in this shape: NULL, or the struct with its error. */
    public Object failure(String error, int promptTokens) {
        if (this == PLAIN) {
            return null;
        }
        return new GenericInternalRow(new Object[] {null, UTF8String.fromString("error"), promptTokens, 0,
                UTF8String.fromString(error)});
    }

    /**
     * The shape a call's options ask for when they are a constant (e.g. {@code map('result','struct')}); plain when
     * they are not constant or do not say. An unknown {@code result} value fails the query when it is planned.
     */
    public static ResultShape fromOptions(Expression options) {
        if (options == null || !options.foldable() || !options.resolved()) {
            return PLAIN;
        }
        Object value;
        try {
            value = options.eval(null);
        } catch (RuntimeException e) {
            return PLAIN;
        }
        if (!(value instanceof MapData map)) {
            return PLAIN;
        }
        for (int i = 0; i < map.numElements(); i++) {
            Object key = map.keyArray().get(i, options.dataType() instanceof org.apache.spark.sql.types.MapType m
                    ? m.keyType() : null);
            if (key != null && OPTION.equals(key.toString()) && !map.valueArray().isNullAt(i)) {
                Object v = map.valueArray().get(i, ((org.apache.spark.sql.types.MapType) options.dataType()).valueType());
                return parse(v.toString());
            }
        }
        return PLAIN;
    }
}
