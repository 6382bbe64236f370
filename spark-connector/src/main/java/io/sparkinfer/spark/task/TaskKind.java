package io.sparkinfer.spark.task;

import io.sparkinfer.engine.runtime.InferenceResult;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/** What a row asks of the model, and what its result column holds (its plain type and the struct field's name). */
public enum TaskKind {
    GENERATE("text", TaskKeys.GENERATE),
    TRANSLATE("text", TaskKeys.TRANSLATE),
    CLASSIFY("text", TaskKeys.CLASSIFY),
    EMBED("embedding", TaskKeys.EMBED),
    CAPTION("text", TaskKeys.CAPTION);

    private final String valueField;
    private final Set<String> optionKeys;

    TaskKind(String valueField, Set<String> optionKeys) {
        this.valueField = valueField;
        this.optionKeys = optionKeys;
    }

    /** The kind named {@code name} (case-insensitive), or an error listing the kinds. */
    public static TaskKind parse(String name) {
        for (TaskKind k : values()) {
            if (k.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("task = '" + name + "' is not a sparkinfer task; use one of generate,"
                + " translate, classify, embed, caption");
    }

    /** Lower-case name, as users write it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The per-row option keys this task understands (besides {@code result}). */
    public Set<String> optionKeys() {
        return optionKeys;
    }

    /** The name of the value in the struct shape: {@code text}, or {@code embedding}. */
    public String valueField() {
        return valueField;
    }

    /** The plain type of the value: STRING, or ARRAY&lt;FLOAT&gt; for embeddings. */
    public DataType valueType() {
        return this == EMBED ? DataTypes.createArrayType(DataTypes.FloatType, false) : DataTypes.StringType;
    }

    /** The value of a successful result as Spark stores it. */
    public Object plainValue(InferenceResult result) {
        return switch (this) {
            case EMBED -> UnsafeArrayData.fromPrimitiveArray(result.embedding());
            case CLASSIFY -> UTF8String.fromString(result.label());
            default -> UTF8String.fromString(result.text());
        };
    }
}
