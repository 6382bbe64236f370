package io.sparkinfer.spark.executor;

import io.sparkinfer.kernels.api.Backend;

/**
 * Creates the compute backend of one engine. Named by {@code spark.sparkinfer.backendFactory}; needs a public
 * no-argument constructor. Tests plug in one that records the device it was given.
 */
public interface BackendFactory {

    /**
     * @param gpuAddress the GPU address Spark assigned to this task or executor, or null when none was
     * @param device     the device policy: auto, cpu or cuda
     * @param threads    CPU threads to use (for CPU backends)
     */
    Backend create(String gpuAddress, String device, int threads);

    /** The factory named {@code className}, with a message saying how to fix a bad name. */
    static BackendFactory named(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!BackendFactory.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("spark.sparkinfer.backendFactory = " + className + " does not"
                        + " implement " + BackendFactory.class.getName());
            }
            return (BackendFactory) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("spark.sparkinfer.backendFactory = " + className + " cannot be"
                    + " created (" + e + "); name a class on the executor classpath with a public no-argument"
                    + " constructor, or leave the key unset", e);
        }
    }
}
