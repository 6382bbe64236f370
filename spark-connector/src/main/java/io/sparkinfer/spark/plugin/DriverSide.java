package io.sparkinfer.spark.plugin;

import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.conf.SparkInferConf;
import io.sparkinfer.spark.executor.ExecutorGpus;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Driver side: validates {@code spark.sparkinfer.*} and the model (config.json, weight index, tensor headers)
 * once, when the SparkContext starts, so that a bad model fails the application before any task runs.
 */
public final class DriverSide implements DriverPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(DriverSide.class);

    @Override
    public Map<String, String> init(SparkContext sc, PluginContext pluginContext) {
        if (sc.isLocal()) {
            // Local mode: tasks run in this JVM on the driver's resources (the executor is given none).
            ExecutorGpus.record(scala.jdk.javaapi.CollectionConverters.asJava(sc.resources()));
        }
        Map<String, String> conf = new HashMap<>();
        for (Tuple2<String, String> entry : sc.getConf().getAll()) {
            conf.put(entry._1(), entry._2());
        }
        if (SparkInferConf.MODEL.value(conf) == null) {
            LOG.info("sparkinfer: no {} in the application's configuration; the SQL functions will read it from the"
                    + " session when a query runs", SparkInferConf.MODEL.name());
            return Map.of();
        }
        SessionSettings settings = SessionSettings.from(conf);
        String checked = ModelValidation.validate(settings.spec(), SparkHadoopUtil.get().newConfiguration(sc.getConf()));
        LOG.info("sparkinfer: model {} checked on the driver: {}", settings.spec().model(), checked);
        return Map.of(SparkInferConf.MODEL.name(), settings.spec().model());
    }

    @Override
    public void shutdown() {
        ExecutorGpus.clear();
    }
}
