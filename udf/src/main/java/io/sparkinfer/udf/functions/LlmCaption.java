package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
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
 * {@code llm_caption(image[, options])}: a short description of an image given as the bytes of its file
 * (BINARY, e.g. the {@code content} column of {@code binaryFile}). Options: {@code prompt} (the instruction,
 * default {@value #DEFAULT_PROMPT}), {@code system}, {@code max_pixels}, and the generation options.
 */
public final class LlmCaption extends LlmFunction {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "llm_caption";
    static final String DEFAULT_PROMPT = "Describe this image in one sentence.";
    private static final Set<String> KEYS = GenerationKeys.with("prompt", "system", ImagePrompts.MAX_PIXELS);

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
        String instruction = options.getOrDefault("prompt", DEFAULT_PROMPT);
        return InferenceRequest.generate(ImagePrompts.chat(options, instruction, (byte[]) values[0]),
                GenerateOptions.DEFAULTS.withOptions(options));
    }

    @Override
    protected Object plainValue(InferenceResult result) {
        return UTF8String.fromString(result.text());
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmCaption(newArguments, settings(), shape());
    }
}
