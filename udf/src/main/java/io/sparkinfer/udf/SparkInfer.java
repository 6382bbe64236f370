package io.sparkinfer.udf;

import io.sparkinfer.udf.batching.BatchLlmStrategy;
import io.sparkinfer.udf.catalog.FunctionCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkStrategy;
import scala.jdk.javaapi.CollectionConverters;

/** For sessions started without the extension: {@code SparkInfer.register(spark)} adds the same functions. */
public final class SparkInfer {

    private SparkInfer() {
    }

    /** Registers the SQL functions and the batched-evaluation strategy in {@code spark}; calling twice is harmless. */
    public static void register(SparkSession spark) {
        var session = (org.apache.spark.sql.classic.SparkSession) spark;
        for (FunctionCatalog.Definition d : FunctionCatalog.ALL) {
            session.sessionState().functionRegistry().registerFunction(d.identifier(), d.info(), d.builder());
        }
        List<SparkStrategy> strategies = new ArrayList<>(
                CollectionConverters.asJava(session.experimental().extraStrategies()));
        if (strategies.stream().noneMatch(s -> s instanceof BatchLlmStrategy)) {
            strategies.add(new BatchLlmStrategy());
            session.experimental().extraStrategies_$eq(CollectionConverters.asScala(strategies).toSeq());
        }
    }
}
