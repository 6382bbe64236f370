package io.sparkinfer.spark.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.executor.ExecutorEngines;
import io.sparkinfer.spark.executor.ExecutorGpus;
import io.sparkinfer.spark.executor.RecordingBackendFactory;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The plugin binds engines to the GPUs Spark assigns: a discovery script reports two fake GPUs to the local
 * executor, whose plugin records them; a recording backend factory sees the engine created on the first one, once,
 * however many tasks run. (Local mode offers no GPUs to tasks, so a task-level assignment cannot be exercised
 * here: {@code ExecutorGpusTest} checks that choice.)
 */
class GpuBindingTest {
    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.plugins=io.sparkinfer.spark.SparkInferPlugin",
            "spark.sparkinfer.model=" + TinyModel.path(),
            "spark.sparkinfer.backendFactory=" + RecordingBackendFactory.class.getName(),
            "spark.driver.resource.gpu.amount=2",
            "spark.driver.resource.gpu.discoveryScript=" + discoveryScript(),
            "spark.executor.resource.gpu.amount=2");

    /** A script printing two fake GPU addresses, as Spark's discovery scripts do. */
    private static String discoveryScript() {
        try {
            Path script = Path.of(System.getProperty("java.io.tmpdir"), "fake-gpus.sh").toAbsolutePath();
            Files.writeString(script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachGpuGetsOneEngineAndEachTaskUsesItsOwnGpu(SparkSession spark) {
        RecordingBackendFactory.DEVICES.clear();
        var spec = SessionSettings.from(CollectionConverters.asJava(spark.conf().getAll())).spec();
        List<String> seen = spark.range(0, 16, 1, 16).mapPartitions((MapPartitionsFunction<Long, String>) rows -> {
            var own = TaskContext.get().resources().get("gpu");
            String assigned = own.isDefined() ? own.get().addresses()[0] : "executor";
            String engineGpu = ExecutorEngines.acquire(spec).loaded().gpuAddress();
            List<String> out = new ArrayList<>();
            rows.forEachRemaining(r -> out.add(assigned + "->" + engineGpu));
            return out.iterator();
        }, Encoders.STRING()).collectAsList();

        assertEquals(16, seen.size());
        Set<String> pairs = new HashSet<>(seen);
        assertEquals(Set.of("executor->0"), pairs, "every task ran on the engine of the executor's first GPU");
        assertEquals(List.of("0"), RecordingBackendFactory.DEVICES, "one backend, on GPU address 0");
        assertEquals(1, ExecutorEngines.loadCount(spec));
        assertEquals(List.of("0", "1"), ExecutorGpus.executorAddresses(), "the executor plugin recorded its GPUs");
    }
}
