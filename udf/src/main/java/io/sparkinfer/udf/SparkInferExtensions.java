package io.sparkinfer.udf;

import io.sparkinfer.udf.batching.BatchLlmStrategy;
import io.sparkinfer.udf.catalog.FunctionCatalog;
import org.apache.spark.sql.SparkSessionExtensions;
import scala.Tuple3;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * {@code spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions}: registers the SQL functions
 * ({@code llm_generate}, {@code llm_embed}, {@code llm_classify}, {@code llm_translate}) and the planner strategy
 * that evaluates them in batches.
 */
public final class SparkInferExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        for (FunctionCatalog.Definition d : FunctionCatalog.ALL) {
            extensions.injectFunction(new Tuple3<>(d.identifier(), d.info(), d.builder()));
        }
        extensions.injectPlannerStrategy(session -> new BatchLlmStrategy());
        return BoxedUnit.UNIT;
    }
}
