package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.spark.conf.SessionSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
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
    private static final Set<String> KEYS = Set.of("pooling");

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
    protected DataType valueType() {
        return DataTypes.createArrayType(DataTypes.FloatType, false);
    }

    @Override
    protected String valueField() {
        return "embedding";
    }

    @Override
    protected Set<String> optionKeys() {
        return KEYS;
    }

    @Override
    protected InferenceRequest request(Object[] values, Map<String, String> options) {
        Pooling pooling = options.containsKey("pooling") ? Pooling.parse(options.get("pooling")) : Pooling.LAST;
        return InferenceRequest.embed(Prompt.text(values[0].toString()), pooling);
    }

    @Override
    protected Object plainValue(InferenceResult result) {
        return UnsafeArrayData.fromPrimitiveArray(result.embedding());
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmEmbed(newArguments, settings(), shape());
    }
}
