package io.sparkinfer.spark.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings every test session starts from; {@link SparkConf} entries override them. */
final class LocalSessionDefaults {

    private LocalSessionDefaults() {
    }

    static Map<String, String> settings(Class<?> owner, Path scratchDir) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spark.master", "local[2]");
        s.put("spark.app.name", owner.getSimpleName());
        // Loopback only: no hostname lookups, nothing reachable from outside the machine.
        s.put("spark.driver.bindAddress", "127.0.0.1");
        s.put("spark.driver.host", "127.0.0.1");
        s.put("spark.ui.enabled", "false");
        s.put("spark.ui.showConsoleProgress", "false");
        // Two cores: a handful of tasks per stage instead of 200 shuffle partitions.
        s.put("spark.sql.shuffle.partitions", "2");
        s.put("spark.default.parallelism", "2");
        s.put("spark.sql.warehouse.dir", scratchDir.resolve("warehouse").toString());
        // One local dir per JVM, beside the scratch directories: Spark caches its local root dirs for the
        // life of the JVM, so a per-session value would be ignored after the first session.
        s.put("spark.local.dir", scratchDir.resolveSibling("spark-local").toString());
        // No Hive/Derby metastore even if spark-hive reaches the classpath.
        s.put("spark.sql.catalogImplementation", "in-memory");
        // Kryo as in production jobs, so serialization problems show in tests.
        s.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        s.put("spark.kryo.registrationRequired", "false");
        // Memory: in local mode executors run inside the test JVM, whose heap is Surefire's -Xmx;
        // spark.driver.memory cannot change a running JVM, so it is not set. Fail tests on leaked task memory.
        s.put("spark.unsafe.exceptionOnMemoryLeak", "true");
        s.put("spark.sql.session.timeZone", "UTC");
        return s;
    }
}
