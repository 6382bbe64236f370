package io.sparkinfer.udf.batching;

import io.sparkinfer.udf.functions.LlmFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import scala.PartialFunction;
import scala.runtime.AbstractPartialFunction;

/** Finding sparkinfer calls inside expressions and replacing them by the attributes that hold their results. */
final class LlmCalls {

    private LlmCalls() {
    }

    static boolean contains(Expression e) {
        return e.exists(LlmCalls::isCall);
    }

    static boolean contains(List<? extends Expression> exprs) {
        return exprs.stream().anyMatch(LlmCalls::contains);
    }

    /** Calls with no call inside their arguments (evaluated first), distinct by semantics, in order of appearance. */
    static List<LlmFunction> innermost(List<? extends Expression> exprs) {
        List<LlmFunction> out = new ArrayList<>();
        for (Expression e : exprs) {
            e.foreach(node -> {
                if (node instanceof LlmFunction f && !f.children().exists(LlmCalls::contains)
                        && out.stream().noneMatch(o -> o.semanticEquals(f))) {
                    out.add(f);
                }
                return null;
            });
        }
        return out;
    }

    /** {@code e} with every call semantically equal to a key replaced by its attribute. */
    static Expression replace(Expression e, Map<LlmFunction, Attribute> results) {
        PartialFunction<Expression, Expression> rule = new AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(Expression x) {
                return x instanceof LlmFunction && find(x, results) != null;
            }

            @Override
            public <A1 extends Expression, B1> B1 applyOrElse(A1 x, scala.Function1<A1, B1> fallback) {
                Attribute a = x instanceof LlmFunction ? find(x, results) : null;
                @SuppressWarnings("unchecked")
                B1 out = a != null ? (B1) a : fallback.apply(x);
                return out;
            }
        };
        return e.transformUp(rule);
    }

    private static Attribute find(Expression x, Map<LlmFunction, Attribute> results) {
        for (Map.Entry<LlmFunction, Attribute> r : results.entrySet()) {
            if (r.getKey().semanticEquals(x)) {
                return r.getValue();
            }
        }
        return null;
    }

    private static boolean isCall(Expression e) {
        return e instanceof LlmFunction;
    }
}
