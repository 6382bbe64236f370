package io.sparkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.testing.CapturedLogs;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CpuBackendTest {
    /** The ops this backend leaves to the reference today; a new kernel must update this list. */
    private static final List<String> INHERITED = List.of("copyColumns", "gatherRows", "rope", "rope2d",
            "scatterAddRows", "scatterRows", "topKRouting");

    @Test
    void constructionLogsOnceExactlyTheOpsLeftToTheReference() {
        int before = CapturedLogs.lines().size();
        try (CpuBackend backend = new CpuBackend(2)) {
            List<String> lines = CapturedLogs.lines().subList(before, CapturedLogs.lines().size()).stream()
                    .filter(l -> l.contains(CpuBackend.class.getName()))
                    .toList();
            assertEquals(1, lines.size(), "log lines of one construction: " + lines);
            String listed = lines.get(0).substring(lines.get(0).lastIndexOf(": ") + 2);
            assertEquals(INHERITED, Arrays.asList(listed.split(", ")), lines.get(0));
            assertEquals(INHERITED, CpuOps.inheritedOps());
            assertEquals("cpu", backend.name());
        }
    }

    /** Every Ops method is either listed as inherited or declared by CpuOps: the list can miss nothing. */
    @Test
    void everyOpIsEitherOverriddenOrListed() throws Exception {
        Set<String> overridden = new TreeSet<>();
        for (Method m : Ops.class.getMethods()) {
            Method impl = CpuOps.class.getMethod(m.getName(), m.getParameterTypes());
            if (impl.getDeclaringClass() == CpuOps.class) {
                overridden.add(m.getName());
            }
        }
        Set<String> all = Arrays.stream(Ops.class.getMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> union = new TreeSet<>(overridden);
        union.addAll(INHERITED);
        assertEquals(all, union);
        assertEquals(Set.of(), overridden.stream().filter(INHERITED::contains).collect(Collectors.toSet()));
    }

    @Test
    void aClosedBackendRefusesOps() {
        CpuBackend backend = new CpuBackend(2);
        Tensor x = backend.allocate(DType.F32, 2, 4);
        backend.ops().add(x, x, x);
        backend.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> backend.ops().add(x, x, x));
        assertEquals("the cpu backend was closed; ops need an open backend", e.getMessage());
    }

    @Test
    void aThreadCountBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CpuBackend(0));
    }
}
