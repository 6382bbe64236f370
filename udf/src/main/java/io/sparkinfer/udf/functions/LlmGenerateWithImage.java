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
 * {@code llm_generate(prompt, image[, options])}: the model's answer to a prompt about an image (BINARY: the
 * bytes of a JPEG, PNG, GIF, BMP or WebP file), as one chat turn with the image before the text. Options: those
 * of {@code llm_generate} (but {@code chat}) and {@code max_pixels}.
 */
public final class LlmGenerateWithImage extends LlmFunction {
    private static final long serialVersionUID = 1L;
    private static final Set<String> KEYS = TaskKeys.GENERATE_WITH_IMAGE;

    public LlmGenerateWithImage(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
        super(arguments, settings, shape);
    }

    @Override
    public String functionName() {
        return LlmGenerate.NAME;
    }

    @Override
    protected List<AbstractDataType> requiredTypes() {
        return List.of(DataTypes.StringType, DataTypes.BinaryType);
    }

    @Override
    protected TaskKind kind() {
        return TaskKind.GENERATE;
    }

    @Override
    protected Set<String> optionKeys() {
        return KEYS;
    }

    @Override
    protected InferenceRequest request(Object[] values, Map<String, String> options) {
        return TaskRequests.generate(values[0].toString(), (byte[]) values[1], options);
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmGenerateWithImage(newArguments, settings(), shape());
    }
}
