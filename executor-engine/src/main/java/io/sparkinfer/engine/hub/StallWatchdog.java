package io.sparkinfer.engine.hub;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes download bodies that stop delivering bytes. java.net.http's request timeout ends once the response
 * headers arrive, so without this a server that stalls mid-body blocks a read forever; closing the body makes
 * that read throw instead. All downloads of the JVM share one daemon thread, which the pool starts on demand
 * and ends after a minute without watches, so idle executors hold no thread.
 */
final class StallWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatchdog.class);
    static final String THREAD_NAME = "sparkinfer-hub-stall-watchdog";

    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private StallWatchdog() {
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished download leaves no check queued
        timer.setKeepAliveTime(1, TimeUnit.MINUTES);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** Starts watching {@code body}: it is closed once {@code idleLimit} passes without {@link Watch#progress}. */
    static Watch watch(Closeable body, Duration idleLimit) {
        Watch watch = new Watch(body, idleLimit.toNanos());
        watch.scheduleCheck(watch.limitNanos);
        return watch;
    }

    /** Checks queued for open watches (for tests: closed watches must leave none). */
    static int pendingChecks() {
        return TIMER.getQueue().size();
    }

    /** One watched body. The reading thread calls {@link #progress} before each read and closes it when done. */
    static final class Watch implements AutoCloseable {
        private final Closeable body;
        private final long limitNanos;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;
        private boolean closed; // guarded by this
        private ScheduledFuture<?> pending; // guarded by this

        private Watch(Closeable body, long limitNanos) {
            this.body = body;
            this.limitNanos = limitNanos;
        }

        /** Restarts the idle clock. */
        void progress() {
            lastProgress = System.nanoTime();
        }

        /** True once the watchdog closed the body for lack of bytes: the read's exception is a stall. */
        boolean stalled() {
            return stalled;
        }

        /** Stops watching; the body is left to its owner. */
        @Override
        public synchronized void close() {
            closed = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private synchronized void scheduleCheck(long delayNanos) {
            if (!closed) {
                pending = TIMER.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void check() {
            long idle = System.nanoTime() - lastProgress;
            if (idle < limitNanos) {
                scheduleCheck(limitNanos - idle);
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                stalled = true;
            }
            try {
                body.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing a stalled download body failed", e);
            }
        }
    }
}
