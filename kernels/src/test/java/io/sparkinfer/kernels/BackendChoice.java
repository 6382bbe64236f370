package io.sparkinfer.kernels;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.cpu.CpuBackend;
import io.sparkinfer.kernels.testing.CapturedLogs;

/** Run by BackendsTest in a JVM of its own: prints which backend it got, what was logged, and what a direct
 * CpuBackend construction says. */
public final class BackendChoice {

    public static void main(String[] args) {
        try (Backend first = Backends.cpuOrReference(2); Backend second = Backends.cpuOrReference(2)) {
            System.out.println("backend=" + first.name() + "," + second.name());
        }
        System.out.println("problem=" + Backends.vectorApiProblem().orElse("none"));
        for (String line : CapturedLogs.lines()) {
            System.out.println("log=" + line);
        }
        try (CpuBackend cpu = new CpuBackend(1)) {
            System.out.println("direct=" + cpu.name());
        } catch (IllegalStateException e) {
            System.out.println("direct=" + e.getMessage());
        }
    }
}
