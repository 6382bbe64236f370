package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.task.ResultShape;
import io.sparkinfer.spark.task.TaskKeys;
import io.sparkinfer.spark.task.TaskKind;
import io.sparkinfer.spark.task.TaskRequests;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.Seq;

/**
 * {@code llm_caption(image[, options])}: a short description of an image given as the bytes of its file
 * (BINARY, e.g. the {@code content} column of {@code binaryFile}). Options: {@code prompt} (the instruction,
 * default {@value io.sparkinfer.spark.task.TaskRequests#DEFAULT_CAPTION_PROMPT}), {@code system}, {@code max_pixels}, and the generation options.
 */
public final class LlmCaption extends LlmFunction {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "llm_caption";
    private static final Set<String> KEYS = TaskKeys.CAPTION;

    public LlmCaption(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
        super(arguments, settings, shape);
    }

    @Override
    public String functionName() {
        return NAME;
    }

    @Override
    protected List<AbstractDataType> requiredTypes() {
        return List.of(DataTypes.BinaryType);
    }

    @Override
    protected TaskKind kind() {
        return TaskKind.CAPTION;
    }

    @Override
    protected Set<String> optionKeys() {
        return KEYS;
    }

    @Override
    protected InferenceRequest request(Object[] values, Map<String, String> options) {
        return TaskRequests.caption((byte[]) values[0], options);
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmCaption(newArguments, settings(), shape());
    }
}
