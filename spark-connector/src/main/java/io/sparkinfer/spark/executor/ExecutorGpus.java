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

    /** Forgets the recorded GPUs (the plugin shuts down; a later context in this JVM records its own). */
    public static void clear() {
        executorAddresses = List.of();
    }

    public static List<String> executorAddresses() {
        return executorAddresses;
    }

    /** The address for the current task (null when it runs on the CPU). */
    public static String forCurrentTask() {
        TaskContext task = TaskContext.get();
        ResourceInformation own = task == null ? null : task.resources().get(RESOURCE).getOrElse(() -> null);
        return choose(own == null ? List.of() : List.of(own.addresses()), executorAddresses);
    }

    /**
     * The first GPU Spark gave the task (several tasks may share one with a fractional
     * {@code spark.task.resource.gpu.amount}), else the executor's first, else null.
     */
    static String choose(List<String> taskAddresses, List<String> executorAddresses) {
        if (!taskAddresses.isEmpty()) {
            return taskAddresses.get(0);
        }
        return executorAddresses.isEmpty() ? null : executorAddresses.get(0);
    }
}
