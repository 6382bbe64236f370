package io.sparkinfer.udf.batching;

import io.sparkinfer.spark.metrics.LlmMetrics;
import io.sparkinfer.udf.functions.LlmFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.AttributeSet$;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.types.DataType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Evaluates sparkinfer calls for the rows of its child in batches: each task submits up to
 * {@code spark.sparkinfer.maxInFlightPerTask} rows to the executor's engine at once and emits them in input
 * order with one result column per call appended ({@code output = child.output ++ results}).
 */
public final class BatchLlmEvalExec extends SparkPlan {
    private static final long serialVersionUID = 1L;

    private final Seq<LlmFunction> calls;
    private final Seq<Attribute> results;
    private final SparkPlan child;
    private final LlmMetrics llmMetrics;

    public BatchLlmEvalExec(Seq<LlmFunction> calls, Seq<Attribute> results, SparkPlan child, LlmMetrics llmMetrics) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.results = Objects.requireNonNull(results, "results");
        this.child = Objects.requireNonNull(child, "child");
        this.llmMetrics = Objects.requireNonNull(llmMetrics, "llmMetrics");
        if (calls.size() != results.size() || calls.isEmpty()) {
            throw new IllegalArgumentException("[BUG] " + calls.size() + " calls need as many result columns, got "
                    + results.size());
        }
    }

    public LlmMetrics llmMetrics() {
        return llmMetrics;
    }

    @Override
    public RDD<InternalRow> doExecute() {
        Seq<Attribute> input = child.output();
        List<LlmFunction> bound = new ArrayList<>();
        for (LlmFunction call : CollectionConverters.asJava(calls)) {
            bound.add((LlmFunction) ColumnBinding.bind(call, CollectionConverters.asJava(input)));
        }
        List<DataType> types = new ArrayList<>();
        for (Attribute a : CollectionConverters.asJava(output())) {
            types.add(a.dataType());
        }
        PartitionEvaluation evaluation = new PartitionEvaluation(bound, types, llmMetrics);
        return child.execute().toJavaRDD().mapPartitions(evaluation).rdd();
    }

    @Override
    public Seq<Attribute> output() {
        List<Attribute> out = new ArrayList<>(CollectionConverters.asJava(child.output()));
        out.addAll(CollectionConverters.asJava(results));
        return CollectionConverters.asScala(out).toSeq();
    }

    @Override
    public AttributeSet producedAttributes() {
        @SuppressWarnings("unchecked")
        scala.collection.Iterable<Expression> produced = (scala.collection.Iterable<Expression>) (Object) results;
        return AttributeSet$.MODULE$.apply(produced);
    }

    @Override
    public Partitioning outputPartitioning() {
        return child.outputPartitioning();
    }

    @Override
    public Seq<SortOrder> outputOrdering() {
        return child.outputOrdering();
    }

    @Override
    public Map<String, SQLMetric> metrics() {
        return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(llmMetrics.all()));
    }

    @Override
    public Seq<SparkPlan> children() {
        return CollectionConverters.asScala(List.of(child)).toSeq();
    }

    @Override
    public SparkPlan withNewChildrenInternal(IndexedSeq<SparkPlan> newChildren) {
        return new BatchLlmEvalExec(calls, results, newChildren.apply(0), llmMetrics);
    }

    @Override
    public Seq<Object> otherCopyArgs() {
        return CollectionConverters.asScala(List.<Object>of(llmMetrics)).toSeq();
    }

    @Override
    public int productArity() {
        return 3;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> calls;
            case 1 -> results;
            case 2 -> child;
            default -> throw new IndexOutOfBoundsException("[BUG] BatchLlmEvalExec has 3 fields, asked " + n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof BatchLlmEvalExec;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchLlmEvalExec b && b.calls.equals(calls) && b.results.equals(results)
                && b.child.equals(child);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calls, results, child);
    }
}
