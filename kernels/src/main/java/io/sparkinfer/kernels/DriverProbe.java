package io.sparkinfer.kernels;

import java.util.Optional;

/** Whether a CUDA driver with at least one device is usable in this JVM; faked in tests. */
public interface DriverProbe {

    /** Empty when a driver and a device are usable, else why not (for the log). */
    Optional<String> problem();
}
