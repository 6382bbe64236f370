package io.sparkinfer.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceMemoryBudgetTest {

    @Test
    void tracksLiveAllocationsAndReportsLeaks() {
        DeviceMemoryBudget budget = new DeviceMemoryBudget("cuda:0", 1000);
        budget.reserve(0x10, 300, "weights");
        budget.reserve(0x20, 200, "kv cache");
        assertEquals(500, budget.usedBytes());
        assertEquals(2, budget.liveAllocations());
        budget.release(0x10);
        assertEquals(200, budget.usedBytes());
        String report = budget.leakReport();
        assertTrue(report.contains("1 live allocations (200 bytes)"), report);
        budget.release(0x20);
        assertEquals("", budget.leakReport());
    }

    @Test
    void refusesAllocationsBeyondTheBudgetWithTheFigures() {
        DeviceMemoryBudget budget = new DeviceMemoryBudget("cuda:1", 1000);
        budget.reserve(1, 900, "weights");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> budget.reserve(2, 101, "logits"));
        assertTrue(e.getMessage().contains("101 bytes for logits on cuda:1") && e.getMessage().contains("900 of the 1000"),
                e.getMessage());
        budget.reserve(2, 100, "logits");
        assertEquals(1000, budget.usedBytes());
    }

    @Test
    void doubleFreeAndDoubleRecordAreBugs() {
        DeviceMemoryBudget budget = new DeviceMemoryBudget("cuda:0", 1000);
        budget.reserve(7, 10, "x");
        assertThrows(IllegalStateException.class, () -> budget.reserve(7, 10, "y"));
        budget.release(7);
        assertThrows(IllegalStateException.class, () -> budget.release(7));
        assertThrows(IllegalArgumentException.class, () -> new DeviceMemoryBudget("cuda:0", 0));
    }
}
