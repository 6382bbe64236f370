package io.sparkinfer.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {
    private static final DriverProbe PRESENT = Optional::empty;
    private static final DriverProbe ABSENT = () -> Optional.of("no CUDA driver: libcuda.so not found");

    @Test
    void sparkAddressWinsWhenADriverIsPresent() {
        BackendSelector.Choice choice = new BackendSelector(PRESENT).choose(" 1 ");
        assertEquals(Optional.of(1), choice.cudaDevice());
        assertEquals("cuda:1", choice.name());
        assertTrue(choice.reason().contains("Spark assigned GPU address"), choice.reason());
    }

    @Test
    void driverWithoutAddressPicksDeviceZero() {
        BackendSelector.Choice choice = new BackendSelector(PRESENT).choose(null);
        assertEquals("cuda:0", choice.name());
        assertEquals("cuda:0", new BackendSelector(PRESENT).choose("  ").name());
    }

    @Test
    void noDriverFallsBackToTheCpuSayingWhy() {
        BackendSelector.Choice choice = new BackendSelector(ABSENT).choose(null);
        assertEquals(Optional.empty(), choice.cudaDevice());
        assertEquals("cpu", choice.name());
        assertTrue(choice.reason().contains("libcuda.so not found"), choice.reason());
    }

    @Test
    void assignedAddressWithoutDriverIsAnErrorNamingTheAddress() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new BackendSelector(ABSENT).choose("0"));
        assertTrue(e.getMessage().contains("address 0") && e.getMessage().contains("libcuda.so"), e.getMessage());
    }

    @Test
    void malformedAddressIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BackendSelector(PRESENT).choose("gpu0"));
        assertTrue(e.getMessage().contains("'gpu0'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BackendSelector(PRESENT).choose("-1"));
    }
}
