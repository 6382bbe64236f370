package io.sparkinfer.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The PTX modules shipped in the jar (one per .cu file in src/main/cuda), read from the classpath. */
public final class PtxModules {

    /** Module names, one per .cu source; a test checks this list against the sources and resources. */
    public static final List<String> NAMES = List.of("elementwise", "linear", "norms", "sampling");

    private static final String FOLDER = "/io/sparkinfer/kernels/cuda/";

    private PtxModules() {}

    /** The PTX text of {@code name}, NUL-terminated as the driver's module loader and PTX compiler expect. */
    public static byte[] ptx(String name) {
        String path = FOLDER + name + ".ptx";
        try (InputStream in = PtxModules.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("[BUG] PTX resource " + path + " is missing from the jar; rebuild with"
                        + " `mvn -Pptx -pl kernels generate-resources` and commit the .ptx files");
            }
            byte[] text = in.readAllBytes();
            byte[] terminated = new byte[text.length + 1];
            System.arraycopy(text, 0, terminated, 0, text.length);
            return terminated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PTX resource " + path, e);
        }
    }
}
