package io.sparkinfer.spark.executor;

import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The GPU addresses Spark gave this executor (recorded by the executor plugin) and the one a task should use: the
 * task's own assignment when Spark schedules GPUs per task, else the executor's first, else none (CPU).
 */
public final class ExecutorGpus {
    public static final String RESOURCE = "gpu";
    private static volatile List<String> executorAddresses = List.of();

    private ExecutorGpus() {
    }

    /** Called by the executor plugin with {@code PluginContext.resources()}. */
    public static void record(Map<String, ResourceInformation> resources) {
        ResourceInformation gpus = resources == null ? null : resources.get(RESOURCE);
        executorAddresses = gpus == null ? List.of() : List.of(gpus.addresses());
    }

    public static List<String> executorAddresses() {
        return executorAddresses;
    }

    /** The address for the current task (null when it runs on the CPU). */
    public static String forCurrentTask() {
        TaskContext task = TaskContext.get();
        if (task != null) {
            ResourceInformation own = task.resources().get(RESOURCE).getOrElse(() -> null);
            if (own != null && own.addresses().length > 0) {
                return own.addresses()[0];
            }
        }
        List<String> all = executorAddresses;
        return all.isEmpty() ? null : all.get(0);
    }
}
