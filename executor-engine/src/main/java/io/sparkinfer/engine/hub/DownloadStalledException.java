package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;

/** A download body stopped delivering bytes; retried like a dropped connection. */
final class DownloadStalledException extends IOException {
    private static final long serialVersionUID = 1L;

    DownloadStalledException(Duration idle, long bytesSoFar, Throwable cause) {
        super("the download stalled: no data arrived for " + seconds(idle) + " s (after " + bytesSoFar
                + " bytes of the file), so the connection was abandoned", cause);
    }

    /** "60", "0.3": whole seconds without a fraction, shorter limits (tests) exactly. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
