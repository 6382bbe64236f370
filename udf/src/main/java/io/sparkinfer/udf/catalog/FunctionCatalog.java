package io.sparkinfer.udf.catalog;

import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.udf.functions.LlmClassify;
import io.sparkinfer.udf.functions.LlmEmbed;
import io.sparkinfer.udf.functions.LlmFunction;
import io.sparkinfer.udf.functions.LlmGenerate;
import io.sparkinfer.udf.functions.LlmTranslate;
import io.sparkinfer.udf.functions.ResultShape;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.internal.SQLConf;
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

    /** One SQL function. */
    public record Definition(String name, int required, String usage, Factory factory) {

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
                default -> LlmTranslate.class.getName();
            };
        }
    }

    public static final List<Definition> ALL = List.of(
            new Definition(LlmGenerate.NAME, 1, "llm_generate(prompt[, options]) - the model's answer to the prompt"
                    + " (STRING; a struct with options 'result','struct')", LlmGenerate::new),
            new Definition(LlmEmbed.NAME, 1, "llm_embed(text[, options]) - the text's embedding (ARRAY<FLOAT>)",
                    LlmEmbed::new),
            new Definition(LlmClassify.NAME, 2, "llm_classify(text, labels[, options]) - the most likely label"
                    + " (STRING)", LlmClassify::new),
            new Definition(LlmTranslate.NAME, 2, "llm_translate(text, target_language[, options]) - the text in the"
                    + " target language (STRING)", LlmTranslate::new));

    private FunctionCatalog() {
    }

    static Expression build(Definition d, Seq<Expression> arguments) {
        int n = arguments.size();
        if (n != d.required() && n != d.required() + 1) {
            throw new IllegalArgumentException(d.name() + " takes " + d.required() + " argument(s) and an optional"
                    + " map<string,string> of options, but got " + n + ". Usage: " + d.usage());
        }
        Map<String, String> conf = CollectionConverters.asJava(SQLConf.get().getAllConfs());
        SessionSettings settings = SessionSettings.from(conf);
        ResultShape shape = n > d.required() ? ResultShape.fromOptions(arguments.apply(d.required())) : ResultShape.PLAIN;
        return d.factory().create(arguments, settings, shape);
    }
}
