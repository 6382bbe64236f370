package io.sparkinfer.udf.batching;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import scala.runtime.AbstractPartialFunction;

/** Binds column references to ordinals of the input row (what Spark's BindReferences does, callable from Java). */
final class ColumnBinding {

    private ColumnBinding() {
    }

    static Expression bind(Expression e, List<Attribute> input) {
        return e.transformUp(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression x) {
                return x instanceof AttributeReference;
            }

            @Override
            public <A1 extends Expression, B1> B1 applyOrElse(A1 x, scala.Function1<A1, B1> fallback) {
                if (!(x instanceof AttributeReference a)) {
                    return fallback.apply(x);
                }
                for (int i = 0; i < input.size(); i++) {
                    if (input.get(i).exprId().equals(a.exprId())) {
                        @SuppressWarnings("unchecked")
                        B1 bound = (B1) new BoundReference(i, a.dataType(), input.get(i).nullable());
                        return bound;
                    }
                }
                throw new IllegalStateException("[BUG] column " + a + " is not among the input columns " + input);
            }
        });
    }
}
