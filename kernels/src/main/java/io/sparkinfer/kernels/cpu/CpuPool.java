package io.sparkinfer.kernels.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU backend's own threads and its one way of using them: a range of work split statically into equal
 * parts, one per thread, the calling thread taking the first. Static parts keep every op's result independent
 * of timing (never the common pool or a parallel stream: an executor JVM shares those with Spark).
 */
final class CpuPool implements AutoCloseable {

    /** Work on the indices {@code [from, to)}; {@code part} is 0 .. parts-1, 0 on the calling thread. */
    @FunctionalInterface
    interface RangeTask {
        void run(int part, int from, int to);
    }

    private final int threads;
    private final ExecutorService workers; // threads - 1 of them: the caller is the remaining one
    private volatile boolean closed;

    CpuPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the cpu backend needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        AtomicInteger next = new AtomicInteger(1);
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "sparkinfer-cpu-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, total)} in at most {@link #threads()} equal parts of at least
     * {@code minPerPart} indices (fewer parts for small work, where a hand-off would cost more than it saves),
     * and returns when every part is done; a part's exception is rethrown here.
     */
    void forEachRange(int total, int minPerPart, RangeTask task) {
        if (closed) {
            throw new IllegalStateException("the cpu backend was closed; ops need an open backend");
        }
        int parts = (int) Math.max(1, Math.min(threads, total / (long) Math.max(1, minPerPart)));
        if (parts == 1) {
            task.run(0, 0, total);
            return;
        }
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int part = p;
            pending.add(workers.submit(() -> task.run(part, start(total, parts, part), start(total, parts, part + 1))));
        }
        Throwable failure = null;
        try {
            task.run(0, 0, start(total, parts, 1));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : pending) {
            failure = await(f, failure);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("[BUG] a cpu op part failed with a checked exception", failure);
        }
    }

    /** First index of part {@code p} of {@code parts} equal ranges over {@code [0, total)}. */
    static int start(int total, int parts, int p) {
        return (int) ((long) total * p / parts);
    }

    /** Waits for one part even after an earlier failure, so no part still runs when the op returns. */
    private static Throwable await(Future<?> f, Throwable failure) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // finish waiting: the part writes into the caller's tensors
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                } else {
                    failure.addSuppressed(e.getCause());
                }
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    @Override
    public void close() {
        closed = true;
        if (workers != null) {
            workers.shutdown();
        }
    }
}
