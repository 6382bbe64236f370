package io.sparkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CpuPoolTest {

    @Test
    void rangesAreEqualStaticPartsAndTheCallerTakesTheFirst() {
        try (CpuPool pool = new CpuPool(3)) {
            Map<Integer, int[]> ranges = new ConcurrentHashMap<>();
            Map<Integer, Thread> threads = new ConcurrentHashMap<>();
            pool.forEachRange(10, 1, (part, from, to) -> {
                ranges.put(part, new int[] {from, to});
                threads.put(part, Thread.currentThread());
            });
            assertEquals(List.of(0, 3), List.of(ranges.get(0)[0], ranges.get(0)[1]));
            assertEquals(List.of(3, 6), List.of(ranges.get(1)[0], ranges.get(1)[1]));
            assertEquals(List.of(6, 10), List.of(ranges.get(2)[0], ranges.get(2)[1]));
            assertSame(Thread.currentThread(), threads.get(0));
            for (int part = 1; part < 3; part++) {
                Thread t = threads.get(part);
                assertTrue(t.getName().matches("sparkinfer-cpu-[12]"), t.getName());
                assertTrue(t.isDaemon(), t.getName() + " must not keep the JVM alive");
            }
        }
    }

    @Test
    void smallWorkStaysOnTheCallingThread() {
        try (CpuPool pool = new CpuPool(4)) {
            List<Thread> seen = new ArrayList<>();
            pool.forEachRange(100, 64, (part, from, to) -> {
                synchronized (seen) {
                    seen.add(Thread.currentThread());
                }
            });
            assertEquals(List.of(Thread.currentThread()), seen);
        }
    }

    @Test
    void aFailingPartIsRethrownAfterEveryPartHasFinished() {
        try (CpuPool pool = new CpuPool(3)) {
            int[] finished = new int[3];
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> pool.forEachRange(3, 1, (part, from, to) -> {
                        if (part == 1) {
                            throw new IllegalStateException("part 1 failed");
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        finished[part] = 1;
                    }));
            assertEquals("part 1 failed", e.getMessage());
            assertEquals(List.of(1, 1), List.of(finished[0], finished[2]), "the other parts ran to the end");
        }
    }
}
