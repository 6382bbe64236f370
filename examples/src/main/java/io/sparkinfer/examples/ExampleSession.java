package io.sparkinfer.examples;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session with sparkinfer wired in: the executor plugin (one engine per executor), the SQL extension (the
 * functions and batched evaluation) and Kryo registration. Under {@code spark-submit} the master and any
 * {@code --conf} given there win; run directly, it is a local session on every core.
 */
final class ExampleSession {

    private ExampleSession() {
    }

    static SparkSession start(String appName, String model) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (!conf.contains("spark.master")) {
            builder.master("local[*]").config("spark.ui.enabled", "false");
        }
        setIfAbsent(builder, conf, "spark.plugins", "io.sparkinfer.spark.SparkInferPlugin");
        setIfAbsent(builder, conf, "spark.sql.extensions", "io.sparkinfer.udf.SparkInferExtensions");
        setIfAbsent(builder, conf, "spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        setIfAbsent(builder, conf, "spark.kryo.registrator", "io.sparkinfer.spark.SparkInferKryoRegistrator");
        setIfAbsent(builder, conf, "spark.sparkinfer.model", model);
        return builder.getOrCreate();
    }

    private static void setIfAbsent(SparkSession.Builder builder, SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            builder.config(key, value);
        }
    }
}
