package io.sparkinfer.udf.batching;

import io.sparkinfer.spark.conf.SparkInferConf;
import io.sparkinfer.spark.metrics.LlmMetrics;
import io.sparkinfer.udf.functions.LlmFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.FilterExec;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.Metadata;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Plans projections and filters that call sparkinfer functions as Spark plans Python UDFs: the calls move into a
 * {@link BatchLlmEvalExec} under the projection (or filter), which appends their results as columns, and the
 * projection (or filter) reads those columns. Calls nested in another call's arguments get a node of their own
 * below it. Other operators (joins, sorts) evaluate calls row by row through the same engine, as all do with
 * {@code spark.sparkinfer.batchedEvaluation=false}.
 */
public final class BatchLlmStrategy extends SparkStrategy {

    @Override
    public Seq<SparkPlan> apply(LogicalPlan plan) {
        if (!SparkInferConf.BATCHED_EVALUATION.boolValue(
                CollectionConverters.asJava(SQLConf.get().getAllConfs()))) {
            return empty();
        }
        if (plan instanceof Project p) {
            List<Expression> list = new ArrayList<>();
            for (NamedExpression ne : CollectionConverters.asJava(p.projectList())) {
                list.add((Expression) ne);
            }
            if (!LlmCalls.contains(list)) {
                return empty();
            }
            Lifted lifted = lift(list, planLater(p.child()));
            List<NamedExpression> projected = new ArrayList<>();
            for (Expression e : lifted.expressions()) {
                projected.add((NamedExpression) e);
            }
            return single(new ProjectExec(CollectionConverters.asScala(projected).toSeq(), lifted.plan()));
        }
        if (plan instanceof Filter f && LlmCalls.contains(f.condition())) {
            Lifted lifted = lift(new ArrayList<>(List.of(f.condition())), planLater(f.child()));
            SparkPlan filtered = new FilterExec(lifted.expressions().get(0), lifted.plan());
            List<NamedExpression> keep = new ArrayList<>();
            for (Attribute a : CollectionConverters.asJava(f.child().output())) {
                keep.add(a);
            }
            return single(new ProjectExec(CollectionConverters.asScala(keep).toSeq(), filtered));
        }
        return empty();
    }

    private record Lifted(List<Expression> expressions, SparkPlan plan) {
    }

    /** Moves the calls out of {@code exprs}, innermost first, into evaluation nodes stacked on {@code child}. */
    private static Lifted lift(List<Expression> exprs, SparkPlan child) {
        SparkPlan plan = child;
        List<Expression> current = exprs;
        while (LlmCalls.contains(current)) {
            List<LlmFunction> calls = LlmCalls.innermost(current);
            Map<LlmFunction, Attribute> results = new LinkedHashMap<>();
            for (LlmFunction call : calls) {
                results.put(call, new AttributeReference(call.functionName() + "_result_" + results.size(),
                        call.dataType(), true, Metadata.empty(),
                        org.apache.spark.sql.catalyst.expressions.NamedExpression$.MODULE$.newExprId(),
                        CollectionConverters.asScala(List.<String>of()).toSeq()));
            }
            plan = new BatchLlmEvalExec(CollectionConverters.asScala(calls).toSeq(),
                    CollectionConverters.asScala(new ArrayList<>(results.values())).toSeq(), plan,
                    LlmMetrics.create(SparkSession.active().sparkContext()));
            List<Expression> next = new ArrayList<>();
            for (Expression e : current) {
                next.add(LlmCalls.replace(e, results));
            }
            current = next;
        }
        return new Lifted(current, plan);
    }

    private static Seq<SparkPlan> single(SparkPlan p) {
        return CollectionConverters.asScala(List.of(p)).toSeq();
    }

    private static Seq<SparkPlan> empty() {
        return CollectionConverters.asScala(List.<SparkPlan>of()).toSeq();
    }
}
