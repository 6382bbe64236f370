package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.host.HostBackend;

/** Plain scalar Java on the heap: the definition of every op and the oracle the fast backends are tested against. */
public final class ReferenceBackend extends HostBackend {
    private final Ops ops = new ReferenceOps();

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Ops ops() {
        return ops;
    }
}
