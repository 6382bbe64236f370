package io.sparkinfer.engine.cli;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.reference.ReferenceBackend;

/** The CPU backend for the command line (the scalar reference until the Vector API backend is wired in). */
final class CpuBackends {
    private CpuBackends() {
    }

    static Backend create() {
        return new ReferenceBackend();
    }
}
