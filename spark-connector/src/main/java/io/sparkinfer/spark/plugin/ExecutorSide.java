package io.sparkinfer.spark.plugin;

import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.conf.SparkInferConf;
import io.sparkinfer.spark.executor.ExecutorEngines;
import io.sparkinfer.spark.executor.ExecutorGpus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Executor side: records the GPU addresses Spark assigned, loads the model on each of them at start when
 * {@code spark.sparkinfer.eagerLoad=true}, and closes every engine when the executor shuts down.
 */
public final class ExecutorSide implements ExecutorPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorSide.class);

    @Override
    public void init(PluginContext ctx, Map<String, String> extraConf) {
        if (ctx.resources().containsKey(ExecutorGpus.RESOURCE)) {
            ExecutorGpus.record(ctx.resources());
        }
        Map<String, String> conf = new HashMap<>();
        for (Tuple2<String, String> entry : ctx.conf().getAll()) {
            conf.put(entry._1(), entry._2());
        }
        conf.putAll(extraConf);
        LOG.info("sparkinfer executor {}: GPU addresses {}", ctx.executorID(), ExecutorGpus.executorAddresses());
        if (SparkInferConf.MODEL.value(conf) != null && SparkInferConf.EAGER_LOAD.boolValue(conf)) {
            SessionSettings settings = SessionSettings.from(conf);
            List<String> gpus = ExecutorGpus.executorAddresses();
            if (gpus.isEmpty()) {
                ExecutorEngines.acquire(settings.spec(), null);
            }
            for (String gpu : gpus) {
                ExecutorEngines.acquire(settings.spec(), gpu);
            }
        }
    }

    @Override
    public void shutdown() {
        ExecutorEngines.closeAll();
        ExecutorGpus.clear();
    }
}
