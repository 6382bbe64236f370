package io.sparkinfer.udf.catalog;

import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.udf.functions.LlmCaption;
import io.sparkinfer.udf.functions.LlmClassify;
import io.sparkinfer.udf.functions.LlmEmbed;
import io.sparkinfer.udf.functions.LlmFunction;
import io.sparkinfer.udf.functions.LlmGenerate;
import io.sparkinfer.udf.functions.LlmGenerateWithImage;
import io.sparkinfer.udf.functions.LlmTranslate;
import io.sparkinfer.spark.task.ResultShape;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import scala.Function1;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The sparkinfer SQL functions: name, usage, and a builder that checks the argument count and captures the
 * session's {@code spark.sparkinfer.*} settings when the query is analysed.
 */
public final class FunctionCatalog {

    /** Creates a function from its arguments, the session settings and the result shape. */
    @FunctionalInterface
    interface Factory {
        LlmFunction create(Seq<Expression> arguments, SessionSettings settings, ResultShape shape);
    }

    /**
     * One SQL function. {@code withImage}, when not null, builds the variant that takes an image (BINARY) right
     * after the required arguments.
     */
    public record Definition(String name, int required, String usage, Factory factory, Factory withImage) {

        Definition(String name, int required, String usage, Factory factory) {
            this(name, required, usage, factory, null);
        }

        public FunctionIdentifier identifier() {
            return FunctionIdentifier.apply(name);
        }

        public ExpressionInfo info() {
            return new ExpressionInfo(factoryClass(), null, name, usage, "");
        }

        /** The builder Spark calls with the call's (resolved) arguments. */
        public Function1<Seq<Expression>, Expression> builder() {
            return arguments -> build(this, arguments);
        }

        private String factoryClass() {
            return switch (name) {
                case LlmGenerate.NAME -> LlmGenerate.class.getName();
                case LlmEmbed.NAME -> LlmEmbed.class.getName();
                case LlmClassify.NAME -> LlmClassify.class.getName();
                case LlmCaption.NAME -> LlmCaption.class.getName();
                default -> LlmTranslate.class.getName();
            };
        }
    }

    public static final List<Definition> ALL = List.of(
            new Definition(LlmGenerate.NAME, 1, "llm_generate(prompt[, image][, options]) - the model's answer to the"
                    + " prompt, about the image (BINARY) if given (STRING; a struct with options 'result','struct')",
                    LlmGenerate::new, LlmGenerateWithImage::new),
            new Definition(LlmEmbed.NAME, 1, "llm_embed(text[, options]) - the text's embedding (ARRAY<FLOAT>)",
                    LlmEmbed::new),
            new Definition(LlmClassify.NAME, 2, "llm_classify(text, labels[, options]) - the most likely label"
                    + " (STRING)", LlmClassify::new),
            new Definition(LlmTranslate.NAME, 2, "llm_translate(text, target_language[, options]) - the text in the"
                    + " target language (STRING)", LlmTranslate::new),
            new Definition(LlmCaption.NAME, 1, "llm_caption(image[, options]) - a one-sentence description of the"
                    + " image (BINARY: the bytes of a JPEG, PNG, GIF, BMP or WebP file) (STRING)", LlmCaption::new));

    private FunctionCatalog() {
    }

    static Expression build(Definition d, Seq<Expression> arguments) {
        int n = arguments.size();
        boolean image = d.withImage() != null && n > d.required()
                && arguments.apply(d.required()).dataType() instanceof BinaryType;
        int required = d.required() + (image ? 1 : 0);
        if (n != required && n != required + 1) {
            throw new IllegalArgumentException(d.name() + " takes " + required + " argument(s) and an optional"
                    + " map<string,string> of options, but got " + n + ". Usage: " + d.usage());
        }
        // The session's own settings, not SQLConf.get(): inside a view (CREATE VIEW, CACHE TABLE ... AS SELECT) that
        // is the view's captured SQL conf, which holds spark.sql.* keys only.
        Map<String, String> conf = CollectionConverters.asJava(SparkSession.active().sessionState().conf()
                .getAllConfs());
        SessionSettings settings = SessionSettings.from(conf);
        ResultShape shape = n > required ? ResultShape.fromOptions(arguments.apply(required)) : ResultShape.PLAIN;
        return (image ? d.withImage() : d.factory()).create(arguments, settings, shape);
    }
}
