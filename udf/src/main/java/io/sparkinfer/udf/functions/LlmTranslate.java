package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.spark.conf.SessionSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.immutable.Seq;

/**
 * {@code llm_translate(text, target_language[, options])}: the text translated into the target language (a name
 * such as 'French' or a code such as 'fr'). The instruction is the system turn, so rows with the same target
 * share its prefix cache. Options: those of {@code llm_generate} except {@code chat} and {@code system}.
 */
public final class LlmTranslate extends LlmFunction {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "llm_translate";
    private static final Set<String> KEYS = GenerationKeys.KEYS;

    public LlmTranslate(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
        super(arguments, settings, shape);
    }

    /** The system turn for {@code language}. */
    public static String instruction(String language) {
        return "Translate the user's text into " + language.strip() + ". Reply with the translation only, without"
                + " notes, quotes or explanations.";
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
    protected DataType valueType() {
        return DataTypes.StringType;
    }

    @Override
    protected String valueField() {
        return "text";
    }

    @Override
    protected Set<String> optionKeys() {
        return KEYS;
    }

    @Override
    protected InferenceRequest request(Object[] values, Map<String, String> options) {
        String language = values[1].toString();
        if (language.isBlank()) {
            throw new IllegalArgumentException("the target language is empty; give a language such as 'French'");
        }
        Prompt p = new Prompt.Chat(instruction(language), values[0].toString(),
                CallOptions.bool(options, "thinking", false));
        return InferenceRequest.generate(p, GenerateOptions.DEFAULTS.withOptions(options));
    }

    @Override
    protected Object plainValue(InferenceResult result) {
        return UTF8String.fromString(result.text());
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmTranslate(newArguments, settings(), shape());
    }
}
