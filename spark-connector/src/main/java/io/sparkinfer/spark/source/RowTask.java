package io.sparkinfer.spark.source;

import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.spark.task.Begin;
import io.sparkinfer.spark.task.ResultShape;
import io.sparkinfer.spark.task.RowFailedException;
import io.sparkinfer.spark.task.TaskKind;
import io.sparkinfer.spark.task.TaskRequests;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the source asks of the model for one input row: the task, its prompt over the row's columns and its options;
 * and how a result becomes the row's result value. The same {@link TaskRequests} as the SQL functions build the
 * requests, so both give the same results for the same inputs.
 */
final class RowTask implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskKind kind;
    private final PromptTemplate text;       // generate, translate, classify, embed: the prompt; caption: the instruction (or null)
    private final PromptTemplate language;   // translate
    private final List<String> labels;       // classify
    private final String imageColumn;        // caption
    private final int imageOrdinal;
    private final Map<String, String> options;
    private final ResultShape shape;
    private final boolean failOnError;

    private RowTask(TaskKind kind, PromptTemplate text, PromptTemplate language, List<String> labels, String imageColumn,
            int imageOrdinal, Map<String, String> options, ResultShape shape, boolean failOnError) {
        this.kind = kind;
        this.text = text;
        this.language = language;
        this.labels = labels;
        this.imageColumn = imageColumn;
        this.imageOrdinal = imageOrdinal;
        this.options = options;
        this.shape = shape;
        this.failOnError = failOnError;
    }

    /** The task of {@code o} over inputs of {@code schema}, checked: columns exist, options parse. Not yet bound. */
    static RowTask plan(SourceOptions o, StructType schema) {
        PromptTemplate text = o.prompt() != null ? PromptTemplate.parse(SourceOptions.PROMPT, o.prompt())
                : o.task() == TaskKind.CAPTION ? null : PromptTemplate.column(defaultTextColumn(schema));
        PromptTemplate language = o.task() == TaskKind.TRANSLATE
                ? PromptTemplate.parse(SourceOptions.TARGET_LANGUAGE, o.targetLanguage()) : null;
        RowTask task = new RowTask(o.task(), text, language, o.labels(), o.imageColumn(), -1, o.rowOptions(),
                o.shape(), o.settings().failOnError());
        task.bind(schema);
        task.checkOptions();
        return task;
    }

    /** The input columns a row's request reads. */
    Set<String> columns() {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            names.addAll(text.columns());
        }
        if (language != null) {
            names.addAll(language.columns());
        }
        if (kind == TaskKind.CAPTION) {
            names.add(imageColumn);
        }
        return names;
    }

    /** This task reading rows of {@code schema} (the columns the input reader returns). */
    RowTask bind(StructType schema) {
        int image = -1;
        if (kind == TaskKind.CAPTION) {
            image = PromptTemplate.ordinal(schema, imageColumn);
            if (image < 0 || !(schema.fields()[image].dataType() instanceof BinaryType)) {
                throw new IllegalArgumentException("task caption reads the image bytes from column '" + imageColumn
                        + "' (option image_column), but the input " + (image < 0 ? "has no such column" : "has it as "
                        + schema.fields()[image].dataType().simpleString() + ", not binary") + "; its columns: "
                        + String.join(", ", schema.fieldNames()));
            }
        }
        return new RowTask(kind, text == null ? null : text.bind(SourceOptions.PROMPT, schema),
                language == null ? null : language.bind(SourceOptions.TARGET_LANGUAGE, schema), labels, imageColumn,
                image, options, shape, failOnError);
    }

    TaskKind kind() {
        return kind;
    }

    /** The result column's type. */
    DataType resultType() {
        return shape.type(kind.valueField(), kind.valueType());
    }

    /** How this task starts on {@code row}: NULL for a NULL input, a failure for a bad value, else a request. */
    Begin begin(InternalRow row) {
        String prompt = text == null ? null : text.render(row);
        if (text != null && prompt == null) {
            return Begin.ready(null);
        }
        try {
            InferenceRequest request = switch (kind) {
                case GENERATE -> TaskRequests.generate(prompt, options);
                case EMBED -> TaskRequests.embed(prompt, options);
                case CLASSIFY -> TaskRequests.classify(prompt, labels, options);
                case TRANSLATE -> {
                    String target = language.render(row);
                    if (target == null) {
                        yield null;
                    }
                    yield TaskRequests.translate(prompt, target, options);
                }
                case CAPTION -> {
                    if (row.isNullAt(imageOrdinal)) {
                        yield null;
                    }
                    yield TaskRequests.caption(row.getBinary(imageOrdinal), withPrompt(prompt));
                }
            };
            return request == null ? Begin.ready(null) : Begin.submit(request);
        } catch (IllegalArgumentException e) {
            return Begin.failedWith(failure(e.getMessage(), 0));
        }
    }

    /** The result value of a finished request. */
    Object complete(InferenceResult result) {
        if (!result.ok()) {
            return failure(result.error(), result.promptTokens());
        }
        return shape.success(kind.plainValue(result), result);
    }

    /** Names the source and task in errors. */
    String caller() {
        return "the sparkinfer source (task=" + kind.id() + ")";
    }

    private Object failure(String error, int promptTokens) {
        if (failOnError) {
            throw new RowFailedException(caller(), error);
        }
        return shape.failure(error, promptTokens);
    }

    private Map<String, String> withPrompt(String instruction) {
        if (instruction == null) {
            return options;
        }
        Map<String, String> m = new LinkedHashMap<>(options);
        m.put(SourceOptions.PROMPT, instruction);
        return m;
    }

    /** Bad options fail the query when it is planned rather than every row: build one request from them. */
    private void checkOptions() {
        switch (kind) {
            case GENERATE -> TaskRequests.generate("x", options);
            case EMBED -> TaskRequests.embed("x", options);
            case CLASSIFY -> TaskRequests.classify("x", labels, options);
            case TRANSLATE -> TaskRequests.translate("x", "x", options);
            case CAPTION -> TaskRequests.caption(new byte[1], options);
            default -> throw new IllegalStateException("[BUG] no option check for task " + kind);
        }
    }

    /** {@code text}, else {@code value} (text files), else the only string column. */
    private static String defaultTextColumn(StructType schema) {
        for (String name : List.of("text", "value")) {
            if (PromptTemplate.ordinal(schema, name) >= 0) {
                return name;
            }
        }
        String only = null;
        for (StructField f : schema.fields()) {
            if (f.dataType() instanceof StringType) {
                if (only != null) {
                    only = null;
                    break;
                }
                only = f.name();
            }
        }
        if (only == null) {
            throw new IllegalArgumentException("option prompt is not set and the input has no column text or value"
                    + " nor a single string column to use; set it, e.g. .option(\"prompt\", \"Summarize: {body}\")"
                    + " (columns: " + String.join(", ", schema.fieldNames()) + ")");
        }
        return only;
    }
}
