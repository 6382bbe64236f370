package io.sparkinfer.spark;

import io.sparkinfer.spark.plugin.DriverSide;
import io.sparkinfer.spark.plugin.ExecutorSide;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * {@code spark.plugins=io.sparkinfer.spark.SparkInferPlugin}: the driver checks the configured model once before
 * any task runs; each executor records its GPUs, optionally loads the model at start, and closes its engines
 * at shutdown.
 */
public final class SparkInferPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return new DriverSide();
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorSide();
    }
}
