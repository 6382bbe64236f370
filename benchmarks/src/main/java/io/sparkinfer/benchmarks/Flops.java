package io.sparkinfer.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A secondary JMH result: GFLOP done per second (JMH divides the counter by the measured time), next to the
 * primary ops/s. Each benchmark adds its op's nominal floating-point operations (2 per multiply-add).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Flops {
    /** GFLOP done; reported as GFLOP/s. */
    public double gflop;

    @Setup(Level.Iteration)
    public void clean() {
        gflop = 0;
    }
}
