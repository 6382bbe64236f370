package io.sparkinfer.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorGpusTest {

    @Test
    void aTaskUsesTheGpuSparkGaveIt() {
        assertEquals("3", ExecutorGpus.choose(List.of("3"), List.of("2", "3")));
        assertEquals("2", ExecutorGpus.choose(List.of("2", "3"), List.of("2", "3")));
    }

    @Test
    void withoutATaskAssignmentTheExecutorsFirstGpuElseTheCpu() {
        assertEquals("1", ExecutorGpus.choose(List.of(), List.of("1", "0")));
        assertNull(ExecutorGpus.choose(List.of(), List.of()));
    }
}
