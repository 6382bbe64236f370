package io.sparkinfer.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerNativeCacheTest {

    private static final String LIBRARY = System.mapLibraryName("tokenizers");

    @TempDir
    static Path shared;
    private static Path tokenizerDir;

    @BeforeAll
    static void writeTokenizer() {
        tokenizerDir = shared.resolve("tiny");
        TinyTokenizerBuilder.write(tokenizerDir, 512);
    }

    // --- the decision logic, with made-up environments ---

    @Test
    void explicitPropertyBecomesDjlsEngineCacheDir() {
        TokenizerNativeCache.Resolution r = TokenizerNativeCache.resolve(k -> null,
                props(Map.of(TokenizerNativeCache.CACHE_DIR_PROPERTY, "/data/djl", "user.home", "/home/x",
                        "java.io.tmpdir", "/tmp", "user.name", "x")));
        assertEquals(Paths.get("/data/djl"), r.engineCacheDir());
        assertEquals(Map.of("ENGINE_CACHE_DIR", "/data/djl", "RUST_FLAVOR", "cpu", "OPT_OUT_TRACKING", "true"),
                r.propertiesToSet());
    }

    @Test
    void defaultIsPerUserUnderTmpdir() {
        TokenizerNativeCache.Resolution r = TokenizerNativeCache.resolve(k -> null,
                props(Map.of("user.home", "/home/x", "java.io.tmpdir", "/scratch", "user.name", "spark user/1")));
        assertEquals(Paths.get("/scratch/sparkinfer-djl-spark_user_1"), r.engineCacheDir());
        assertEquals("/scratch/sparkinfer-djl-spark_user_1", r.propertiesToSet().get("ENGINE_CACHE_DIR"));
    }

    @Test
    void djlsOwnSettingsAreRespected() {
        TokenizerNativeCache.Resolution byEnv = TokenizerNativeCache.resolve(
                env(Map.of("DJL_CACHE_DIR", "/env/djl", "RUST_FLAVOR", "cu124")),
                props(Map.of("user.home", "/home/x", "java.io.tmpdir", "/tmp", "user.name", "x")));
        assertEquals(Paths.get("/env/djl"), byEnv.engineCacheDir());
        assertEquals(Map.of("OPT_OUT_TRACKING", "true"), byEnv.propertiesToSet(), "user's RUST_FLAVOR is kept");
        TokenizerNativeCache.Resolution byProperty = TokenizerNativeCache.resolve(k -> null,
                props(Map.of("ENGINE_CACHE_DIR", "/prop/engine", "user.home", "/home/x", "java.io.tmpdir", "/tmp")));
        assertEquals(Paths.get("/prop/engine"), byProperty.engineCacheDir());
        assertFalse(byProperty.propertiesToSet().containsKey("ENGINE_CACHE_DIR"));
    }

    @Test
    void environmentOverridingTheExplicitPropertyIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TokenizerNativeCache.resolve(
                env(Map.of("ENGINE_CACHE_DIR", "/env/engine")),
                props(Map.of(TokenizerNativeCache.CACHE_DIR_PROPERTY, "/mine", "user.home", "/h", "java.io.tmpdir", "/t"))));
        assertTrue(e.getMessage().contains("/mine") && e.getMessage().contains("/env/engine"), e.getMessage());
    }

    // --- real child JVMs, each extracting DJL's library for the first time ---

    @Test
    void libraryLandsInTheDirectoryNamedByTheProperty(@TempDir Path dir) throws Exception {
        Path chosen = dir.resolve("chosen");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String out = runProbe(Map.of(), "-D" + TokenizerNativeCache.CACHE_DIR_PROPERTY + "=" + chosen,
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp);
        assertTrue(out.contains("PROBE_OK ids="), out);
        assertTrue(holdsLibrary(chosen.resolve("tokenizers")), "no " + LIBRARY + " under " + chosen + "\n" + out);
        assertFalse(holdsLibrary(home) || holdsLibrary(tmp), "library also went elsewhere\n" + out);
    }

    @Test
    void libraryLandsUnderTmpdirByDefaultNotInTheHome(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String out = runProbe(Map.of(), "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp, "-Duser.name=alice");
        assertTrue(out.contains("PROBE_OK"), out);
        assertTrue(holdsLibrary(tmp.resolve("sparkinfer-djl-alice").resolve("tokenizers")), out);
        assertFalse(Files.exists(home.resolve(".djl.ai")), "DJL wrote into the home directory\n" + out);
    }

    @Test
    void conflictingSettingsStopTheChildWithAClearMessage(@TempDir Path dir) throws Exception {
        String out = runProbe(Map.of("ENGINE_CACHE_DIR", dir.resolve("env").toString()),
                "-D" + TokenizerNativeCache.CACHE_DIR_PROPERTY + "=" + dir.resolve("prop"));
        assertFalse(out.contains("PROBE_OK"), out);
        assertTrue(out.contains("cannot take effect"), out);
    }

    private static String runProbe(Map<String, String> extraEnv, String... jvmArgs) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeCacheProbe.class.getName(),
                tokenizerDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (String key : List.of("ENGINE_CACHE_DIR", "DJL_CACHE_DIR", "RUST_LIBRARY_PATH", "RUST_FLAVOR")) {
            builder.environment().remove(key);
        }
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        if (text.contains("PROBE_OK")) {
            assertEquals(0, process.exitValue(), text);
        } else {
            assertNotEquals(0, process.exitValue(), text);
        }
        return text;
    }

    private static boolean holdsLibrary(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(LIBRARY) && Files.isRegularFile(p));
        }
    }

    private static java.util.function.UnaryOperator<String> props(Map<String, String> values) {
        return values::get;
    }

    private static java.util.function.UnaryOperator<String> env(Map<String, String> values) {
        return values::get;
    }
}
