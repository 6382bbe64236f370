package io.sparkinfer.engine.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a blob download tries before giving up.
 *
 * @param attempts     tries per file, the first included; each retry resumes what the last one kept
 * @param retryDelay   wait before the first retry, growing linearly with each further one
 * @param stallTimeout how long a download body may deliver no bytes before it counts as a dropped connection
 */
record DownloadPolicy(int attempts, Duration retryDelay, Duration stallTimeout) {

    static final DownloadPolicy DEFAULT = new DownloadPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

    DownloadPolicy {
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (attempts < 1) {
            throw new IllegalArgumentException("download attempts must be at least 1, got " + attempts);
        }
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retry delay must not be negative, got " + retryDelay);
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stall timeout must be positive, got " + stallTimeout);
        }
    }
}
