package io.sparkinfer.engine.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StallWatchdogTest {

    /** A body that records when it is closed. */
    private static final class Body implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);
        volatile long closedAt;

        @Override
        public void close() {
            closedAt = System.nanoTime();
            closed.countDown();
        }
    }

    @Test
    void closesABodyWithoutProgressOnceTheLimitPasses() throws Exception {
        Body body = new Body();
        long started = System.nanoTime();

        try (StallWatchdog.Watch watch = StallWatchdog.watch(body, Duration.ofMillis(200))) {
            assertTrue(body.closed.await(10, TimeUnit.SECONDS), "never closed");
            assertTrue(watch.stalled());
        }
        assertTrue(body.closedAt - started >= Duration.ofMillis(200).toNanos(), "closed too early");
    }

    @Test
    void progressKeepsTheBodyOpen() throws Exception {
        Body body = new Body();

        try (StallWatchdog.Watch watch = StallWatchdog.watch(body, Duration.ofMillis(300))) {
            for (int i = 0; i < 20; i++) { // 1 s in all, never 300 ms without progress
                watch.progress();
                Thread.sleep(50);
            }
            assertFalse(watch.stalled());
            assertEquals(1, body.closed.getCount(), "closed despite progress");
        }
        assertFalse(body.closed.await(600, TimeUnit.MILLISECONDS), "closed after the watch ended");
    }

    @Test
    void closedWatchesLeaveNoCheckQueued() {
        List<StallWatchdog.Watch> watches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            watches.add(StallWatchdog.watch(new Body(), Duration.ofHours(1)));
        }
        assertTrue(StallWatchdog.pendingChecks() >= 50, "queued: " + StallWatchdog.pendingChecks());

        watches.forEach(StallWatchdog.Watch::close);

        assertEquals(0, StallWatchdog.pendingChecks());
    }

    @Test
    void oneDaemonThreadServesEveryWatch() throws Exception {
        List<Body> bodies = new ArrayList<>();
        List<StallWatchdog.Watch> watches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Body body = new Body();
            bodies.add(body);
            watches.add(StallWatchdog.watch(body, Duration.ofMillis(50 + 10 * i)));
        }
        for (Body body : bodies) {
            assertTrue(body.closed.await(10, TimeUnit.SECONDS), "never closed");
        }
        watches.forEach(StallWatchdog.Watch::close);

        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(StallWatchdog.THREAD_NAME)).toList();
        assertEquals(1, threads.size(), threads.toString());
        assertTrue(threads.get(0).isDaemon(), "the watchdog thread must not keep the JVM alive");
    }
}
