package io.sparkinfer.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real probe answers without throwing, with or without a driver, and keeps its first answer. */
class JCudaDriverProbeTest {

    @Test
    void answersOnceAndCachesTheOutcome() {
        Optional<String> first = JCudaDriverProbe.INSTANCE.problem();
        System.out.println("CUDA driver probe on this machine: " + first.orElse("driver and device present"));
        first.ifPresent(why -> assertFalse(why.isBlank(), "the probe must say why CUDA is unusable"));
        assertEquals(first, JCudaDriverProbe.INSTANCE.problem());
    }
}
