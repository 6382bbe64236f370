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
 * {@code llm_embed(text[, options])}: the model's final hidden state for the text as it is (no chat template),
 * pooled at the last token or averaged ({@code 'pooling','mean'}); ARRAY&lt;FLOAT&gt; of the hidden size. The
 * struct shape names the value {@code embedding}.
 */
public final class LlmEmbed extends LlmFunction {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "llm_embed";
    private static final Set<String> KEYS = TaskKeys.EMBED;

    public LlmEmbed(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
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
        return TaskKind.EMBED;
    }

    @Override
    protected Set<String> optionKeys() {
        return KEYS;
    }

    @Override
    protected InferenceRequest request(Object[] values, Map<String, String> options) {
        return TaskRequests.embed(values[0].toString(), options);
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmEmbed(newArguments, settings(), shape());
    }
}
