package io.sparkinfer.udf.functions;

import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.executor.ExecutorEngines;
import io.sparkinfer.spark.task.Begin;
import io.sparkinfer.spark.task.EngineWait;
import io.sparkinfer.spark.task.ResultShape;
import io.sparkinfer.spark.task.RowFailedException;
import io.sparkinfer.spark.task.TaskKeys;
import io.sparkinfer.spark.task.TaskKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ImplicitCastInputTypes;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A sparkinfer SQL function: required arguments, then an optional {@code map<string,string>} of options. Each
 * row becomes one engine request. Evaluated one row at a time here (tasks still share the executor engine's
 * batches); the batched-evaluation node calls {@link #begin} and {@link #complete} for many rows at once.
 *
 * <p>NULL in any required argument gives NULL. A row that fails (bad options, over-long prompt) gives NULL, or
 * the error in the struct shape, or fails the task when {@code spark.sparkinfer.failOnError=true}.
 */
public abstract class LlmFunction extends Expression
        implements ImplicitCastInputTypes, CodegenFallback, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Seq<Expression> arguments;
    private final SessionSettings settings;
    private final ResultShape shape;

    protected LlmFunction(Seq<Expression> arguments, SessionSettings settings, ResultShape shape) {
        this.arguments = Objects.requireNonNull(arguments, "arguments");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    /** The SQL name, e.g. {@code llm_generate}. */
    public abstract String functionName();

    /** Types of the required arguments (the options map may follow). */
    protected abstract List<AbstractDataType> requiredTypes();

    /** The task a row becomes: it fixes the plain result type and how a result reads as a value. */
    protected abstract TaskKind kind();

    /** Option keys this function understands (besides {@code result}). */
    protected abstract Set<String> optionKeys();

    /** The engine request for one row: required argument values (never null) and the merged options. */
    protected abstract InferenceRequest request(Object[] values, Map<String, String> options);

    /** This function over other arguments (same settings and shape). */
    protected abstract LlmFunction withArguments(Seq<Expression> newArguments);

    public final SessionSettings settings() {
        return settings;
    }

    public final ResultShape shape() {
        return shape;
    }

    /** Starts evaluating this call on {@code row}: a ready value, or a request for the engine. */
    public final Begin begin(InternalRow row) {
        int required = requiredTypes().size();
        Object[] values = new Object[required];
        for (int i = 0; i < required; i++) {
            values[i] = argument(i).eval(row);
            if (values[i] == null) {
                return Begin.ready(null);
            }
        }
        try {
            Map<String, String> options = options(row);
            return Begin.submit(request(values, options));
        } catch (IllegalArgumentException e) {
            return Begin.failedWith(failure(e.getMessage(), 0));
        }
    }

    /** The value for a finished request. */
    public final Object complete(InferenceResult result) {
        if (!result.ok()) {
            return failure(result.error(), result.promptTokens());
        }
        return shape.success(kind().plainValue(result), result);
    }

    @Override
    public final Object eval(InternalRow row) {
        Begin begin = begin(row);
        if (!begin.needsEngine()) {
            return begin.value();
        }
        var future = ExecutorEngines.acquire(settings.spec()).engine().submit(begin.request());
        return complete(EngineWait.await(future, functionName()));
    }

    private Map<String, String> options(InternalRow row) {
        Map<String, String> call = new LinkedHashMap<>();
        if (arguments.size() > requiredTypes().size()) {
            call.putAll(MapOptions.toJava((MapData) argument(requiredTypes().size()).eval(row)));
        }
        Set<String> known = knownOptions();
        TaskKeys.checkKeys(functionName(), call.keySet(), known);
        if (call.containsKey(ResultShape.OPTION) && ResultShape.parse(call.get(ResultShape.OPTION)) != shape) {
            throw new IllegalArgumentException("option result = '" + call.get(ResultShape.OPTION) + "' must be a"
                    + " constant in the query (e.g. map('result','struct')), so that the column type is known when"
                    + " the query is planned");
        }
        Map<String, String> merged = new LinkedHashMap<>();
        settings.defaultOptions().forEach((k, v) -> {
            if (known.contains(k)) {
                merged.put(k, v);
            }
        });
        merged.putAll(call);
        merged.remove(ResultShape.OPTION);
        return merged;
    }

    private Set<String> knownOptions() {
        Set<String> known = new java.util.HashSet<>(optionKeys());
        known.add(ResultShape.OPTION);
        return known;
    }

    private Object failure(String error, int promptTokens) {
        if (settings.failOnError()) {
            throw new RowFailedException(functionName(), error);
        }
        return shape.failure(error, promptTokens);
    }

    protected final Expression argument(int i) {
        return arguments.apply(i);
    }

    // ---- Catalyst plumbing ----

    @Override
    public DataType dataType() {
        return shape.type(kind().valueField(), kind().valueType());
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public Seq<AbstractDataType> inputTypes() {
        List<AbstractDataType> types = new ArrayList<>(requiredTypes());
        if (arguments.size() > types.size()) {
            types.add(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
        }
        return CollectionConverters.asScala(types).toSeq();
    }

    @Override
    public TypeCheckResult checkInputDataTypes() {
        return ImplicitCastInputTypes.super.checkInputDataTypes();
    }

    @Override
    public Seq<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return withArguments(newChildren.toSeq());
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        return CodegenFallback.super.doGenCode(ctx, ev);
    }

    @Override
    public String prettyName() {
        return functionName();
    }

    @Override
    public String toString() {
        return functionName() + arguments.mkString("(", ", ", ")");
    }

    @Override
    public int productArity() {
        return 3;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> arguments;
            case 1 -> settings;
            case 2 -> shape;
            default -> throw new IndexOutOfBoundsException("[BUG] " + functionName() + " has 3 fields, asked " + n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that != null && that.getClass() == getClass();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LlmFunction f && f.getClass() == getClass() && f.arguments.equals(arguments)
                && f.settings.equals(settings) && f.shape == shape;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), arguments, settings, shape);
    }
}
