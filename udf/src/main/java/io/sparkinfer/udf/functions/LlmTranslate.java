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
 * {@code llm_translate(text, target_language[, options])}: the text translated into the target language (a name
 * such as 'French' or a code such as 'fr'). The instruction is the system turn, so rows with the same target
 * share its prefix cache. Options: those of {@code llm_generate} except {@code chat} and {@code system}.
 */
public final class LlmTranslate extends LlmFunction {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "llm_translate";
    private static final Set<String> KEYS = TaskKeys.TRANSLATE;

    public LlmTranslate(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
        super(arguments, settings, shape);
    }

    @Override
    public String functionName() {
        return NAME;
    }

    @Override
    protected List<AbstractDataType> requiredTypes() {
        return List.of(DataTypes.StringType, DataTypes.StringType);
    }

    @Override
    protected TaskKind kind() {
        return TaskKind.TRANSLATE;
    }

    @Override
    protected Set<String> optionKeys() {
        return KEYS;
    }

    @Override
    protected InferenceRequest request(Object[] values, Map<String, String> options) {
        return TaskRequests.translate(values[0].toString(), values[1].toString(), options);
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmTranslate(newArguments, settings(), shape());
    }
}
