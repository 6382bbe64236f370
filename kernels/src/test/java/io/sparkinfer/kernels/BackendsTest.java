package io.sparkinfer.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendsTest {

    /** The build runs tests with --add-modules jdk.incubator.vector. */
    @Test
    void withTheVectorModuleTheCpuBackendIsChosen() {
        assertEquals("none", Backends.vectorApiProblem().orElse("none"));
        try (Backend backend = Backends.cpuOrReference(2)) {
            assertEquals("cpu", backend.name());
        }
    }

    @Test
    void withoutTheVectorModuleTheReferenceRunsAndTheLogSaysHowToFixItOnce() throws Exception {
        List<String> lines = runWithoutVectorModule();
        assertTrue(lines.contains("backend=reference,reference"), lines.toString());
        String expected = "Vector API not readable: add --add-modules jdk.incubator.vector to"
                + " spark.executor.extraJavaOptions (and the driver's); running the scalar reference ops";
        assertTrue(lines.contains("problem=" + expected), lines.toString());
        List<String> logged = lines.stream().filter(l -> l.startsWith("log=")).toList();
        assertEquals(List.of("log=WARN " + Backends.class.getName() + ": " + expected), logged);
        String direct = lines.stream().filter(l -> l.startsWith("direct=")).findFirst().orElseThrow();
        assertTrue(direct.startsWith("direct=Vector API not readable: add --add-modules jdk.incubator.vector"), direct);
    }

    private static List<String> runWithoutVectorModule() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                BackendChoice.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text.lines().toList();
    }
}
