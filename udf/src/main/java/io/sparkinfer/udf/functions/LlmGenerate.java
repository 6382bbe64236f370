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
 * {@code llm_generate(prompt[, options])}: the model's answer to the prompt, as one chat turn (thinking off)
 * unless {@code 'chat','false'} feeds the text as it is. Options: {@code system}, {@code max_tokens},
 * {@code temperature}, {@code top_k}, {@code top_p}, {@code min_p}, penalties, {@code seed}, {@code stop},
 * {@code stop_token_ids}, {@code ignore_eos}, {@code timeout_ms}, {@code thinking}, {@code result}.
 */
public final class LlmGenerate extends LlmFunction {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "llm_generate";
    private static final Set<String> KEYS = TaskKeys.GENERATE;

    public LlmGenerate(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
        super(arguments, settings, shape);
    }

    @Override
    public String functionName() {
        return NAME;
    }

    @Override
    protected List<AbstractDataType> requiredTypes() {
        return List.of(DataTypes.StringType);
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
        return TaskRequests.generate(values[0].toString(), options);
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmGenerate(newArguments, settings(), shape());
    }
}
