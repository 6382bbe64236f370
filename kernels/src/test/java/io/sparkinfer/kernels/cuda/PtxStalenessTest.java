package io.sparkinfer.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX matches its .cu source (the generator writes the source's sha256 on the first line) and
 * targets PTX ISA 8.0 (r525+ drivers). Fails when a .cu changed but `mvn -Pptx` was not run.
 */
class PtxStalenessTest {
    private static final Path SOURCES = Path.of("src/main/cuda");
    private static final Path RESOURCES = Path.of("src/main/resources/io/sparkinfer/kernels/cuda");

    @Test
    void everySourceHasAModuleAndEveryModuleASource() throws IOException {
        assertEquals(PtxModules.NAMES.stream().sorted().toList(), baseNames(SOURCES, ".cu"), "PtxModules.NAMES vs .cu files");
        assertEquals(baseNames(SOURCES, ".cu"), baseNames(RESOURCES, ".ptx"), ".cu sources vs shipped .ptx files");
    }

    @Test
    void everyPtxWasBuiltFromItsCurrentSource() throws IOException, NoSuchAlgorithmException {
        for (String name : PtxModules.NAMES) {
            String expected = "// source-sha256: " + sha256(Files.readAllBytes(SOURCES.resolve(name + ".cu")));
            List<String> lines = Files.readAllLines(RESOURCES.resolve(name + ".ptx"), StandardCharsets.UTF_8);
            assertEquals(expected, lines.get(0), name + ".ptx is stale: " + name + ".cu changed since the PTX was"
                    + " generated; run `mvn -B -ntp -Pptx -pl kernels generate-resources` and commit the .ptx");
            assertTrue(lines.contains(".version 8.0"), name + ".ptx must declare .version 8.0 (loads on r525+ drivers)");
        }
    }

    private static List<String> baseNames(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
