package io.sparkinfer.kernels.cuda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bookkeeping for one device's allocations: a byte budget that refuses an allocation before the driver is
 * asked, and a live-allocation ledger so close() can report leaks. Pure Java, so it is tested without a GPU;
 * the CUDA backend calls {@link #reserve} before cuMemAlloc and {@link #release} after cuMemFree.
 */
public final class DeviceMemoryBudget {
    private final String device;
    private final long budgetBytes;
    private final Map<Long, Long> liveBytesByHandle = new LinkedHashMap<>();
    private long usedBytes;

    public DeviceMemoryBudget(String device, long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("device memory budget for " + device + " must be positive, got " + budgetBytes);
        }
        this.device = device;
        this.budgetBytes = budgetBytes;
    }

    /** Checks that {@code bytes} more fit in the budget; call before allocating. */
    public synchronized void checkFits(long bytes, String what) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("[BUG] allocation of " + bytes + " bytes for " + what + " on " + device);
        }
        if (bytes > budgetBytes - usedBytes) {
            throw new IllegalStateException("cannot allocate " + bytes + " bytes for " + what + " on " + device + ": "
                    + usedBytes + " of the " + budgetBytes + "-byte budget are in use in " + liveBytesByHandle.size()
                    + " allocations; raise the budget or lower the batch size");
        }
    }

    /** Records a successful allocation of {@code bytes} at device pointer {@code handle}. */
    public synchronized void reserve(long handle, long bytes, String what) {
        checkFits(bytes, what);
        if (liveBytesByHandle.putIfAbsent(handle, bytes) != null) {
            throw new IllegalStateException("[BUG] device pointer " + handle + " recorded twice on " + device);
        }
        usedBytes += bytes;
    }

    /** Records the free of {@code handle}; freeing an unknown pointer is a bug. */
    public synchronized void release(long handle) {
        Long bytes = liveBytesByHandle.remove(handle);
        if (bytes == null) {
            throw new IllegalStateException("[BUG] freeing device pointer " + handle + " that is not live on " + device);
        }
        usedBytes -= bytes;
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    public synchronized int liveAllocations() {
        return liveBytesByHandle.size();
    }

    /** Empty when nothing is live, else a one-line leak report for close() to log. */
    public synchronized String leakReport() {
        if (liveBytesByHandle.isEmpty()) {
            return "";
        }
        return device + " closed with " + liveBytesByHandle.size() + " live allocations (" + usedBytes
                + " bytes) that were never freed";
    }
}
