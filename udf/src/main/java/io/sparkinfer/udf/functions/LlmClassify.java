package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.task.ResultShape;
import io.sparkinfer.spark.task.TaskKeys;
import io.sparkinfer.spark.task.TaskKind;
import io.sparkinfer.spark.task.TaskRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.Seq;

/**
 * {@code llm_classify(text, labels[, options])}: the most likely of the labels, scored by the model's
 * log-probability of each label as the answer (not sampled, so always one of them). Options: {@code system}
 * (replaces the default instruction), {@code result}.
 */
public final class LlmClassify extends LlmFunction {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "llm_classify";
    private static final Set<String> KEYS = TaskKeys.CLASSIFY;

    public LlmClassify(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
        super(arguments, settings, shape);
    }

    @Override
    public String functionName() {
        return NAME;
    }

    @Override
    protected List<AbstractDataType> requiredTypes() {
        return List.of(DataTypes.StringType, DataTypes.createArrayType(DataTypes.StringType));
    }

    @Override
    protected TaskKind kind() {
        return TaskKind.CLASSIFY;
    }

    @Override
    protected Set<String> optionKeys() {
        return KEYS;
    }

    @Override
    protected InferenceRequest request(Object[] values, Map<String, String> options) {
        ArrayData array = (ArrayData) values[1];
        List<String> labels = new ArrayList<>(array.numElements());
        for (int i = 0; i < array.numElements(); i++) {
            if (array.isNullAt(i)) {
                throw new IllegalArgumentException("label " + (i + 1) + " of " + array.numElements() + " is NULL;"
                        + " every label must be a non-empty string");
            }
            labels.add(array.getUTF8String(i).toString());
        }
        return TaskRequests.classify(values[0].toString(), labels, options);
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmClassify(newArguments, settings(), shape());
    }
}
