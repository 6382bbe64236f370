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
 * {@code llm_generate(prompt, image[, options])}: the model's answer to a prompt about an image (BINARY: the
 * bytes of a JPEG, PNG, GIF, BMP or WebP file), as one chat turn with the image before the text. Options: those
 * of {@code llm_generate} (but {@code chat}) and {@code max_pixels}.
 */
public final class LlmGenerateWithImage extends LlmFunction {
    private static final long serialVersionUID = 1L;
    private static final Set<String> KEYS = GenerationKeys.with("system", ImagePrompts.MAX_PIXELS);

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
        return InferenceRequest.generate(ImagePrompts.chat(options, values[0].toString(), (byte[]) values[1]),
                GenerateOptions.DEFAULTS.withOptions(options));
    }

    @Override
    protected Object plainValue(InferenceResult result) {
        return UTF8String.fromString(result.text());
    }

    @Override
    protected LlmFunction withArguments(Seq<Expression> newArguments) {
        return new LlmGenerateWithImage(newArguments, settings(), shape());
    }
}
