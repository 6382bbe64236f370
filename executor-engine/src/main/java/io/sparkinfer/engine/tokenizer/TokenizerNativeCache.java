package io.sparkinfer.engine.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where DJL extracts its native tokenizers library, once per JVM, before DJL first loads it.
 *
 * <p><b>How DJL 0.38 decides on its own</b> ({@code ai.djl.util.Utils#getEngineCacheDir} and
 * {@code #getCacheDir}; every key is read as an environment variable first, then as a system property):
 * <ol>
 *   <li>{@code ENGINE_CACHE_DIR} when set and non-empty;</li>
 *   <li>else {@code DJL_CACHE_DIR} when set and non-empty;</li>
 *   <li>else {@code ${user.home}/.djl.ai} when {@code user.home} is writable, else
 *       {@code ${java.io.tmpdir}/.djl.ai}.</li>
 * </ol>
 * The library is copied out of the DJL jar into
 * {@code <that dir>/tokenizers/<version>-<flavor>-<os>-<arch>/}, for example
 * {@code tokenizers/0.21.0-0.38.0-cpu-linux-x86_64/libtokenizers.so}.
 *
 * <p><b>What sparkinfer does</b> (first match wins):
 * <ol>
 *   <li>system property {@value #CACHE_DIR_PROPERTY} set: that directory, handed to DJL as the
 *       {@code ENGINE_CACHE_DIR} system property. An environment variable {@code ENGINE_CACHE_DIR} naming
 *       another directory is an error, because DJL would read it first;</li>
 *   <li>{@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR} set by the user: DJL decides, as above;</li>
 *   <li>otherwise {@code ${java.io.tmpdir}/sparkinfer-djl-<user.name>}: Spark executors often run with a
 *       read-only or shared home directory, and a per-user name keeps users of one host apart.</li>
 * </ol>
 * On Spark, pass {@code -Dsparkinfer.tokenizer.cacheDir=/local/disk/djl} in
 * {@code spark.executor.extraJavaOptions} to pick the directory.
 *
 * <p>Two more DJL switches get a default when the user set neither the environment variable nor the system
 * property: {@code RUST_FLAVOR=cpu}, because on a host with a CUDA GPU DJL would otherwise look for a CUDA
 * build of the library, which the jar does not hold, and try to download one from publish.djl.ai (which
 * fails on offline executors; tokenization runs on the CPU in any case); and {@code OPT_OUT_TRACKING=true},
 * because DJL otherwise calls home from EC2 hosts when the first tokenizer is built. Both are system
 * properties of the JVM, so they also apply to other DJL engines loaded into it.
 */
public final class TokenizerNativeCache {

    /** System property naming the directory DJL extracts its native library into. */
    public static final String CACHE_DIR_PROPERTY = "sparkinfer.tokenizer.cacheDir";

    static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    static final String RUST_FLAVOR = "RUST_FLAVOR";
    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private static final Logger LOG = LoggerFactory.getLogger(TokenizerNativeCache.class);
    private static Path configured;

    private TokenizerNativeCache() {}

    /**
     * The outcome of {@link #resolve}: DJL's engine cache directory (the library lands in its
     * {@code tokenizers/} subdirectory), a phrase saying who chose it, and the system properties to set.
     */
    record Resolution(Path engineCacheDir, String chosenBy, Map<String, String> propertiesToSet) {
        Resolution {
            propertiesToSet = Map.copyOf(propertiesToSet);
        }
    }

    /**
     * Sets DJL up (once per JVM) and returns its engine cache directory; the native library lands in its
     * {@code tokenizers/} subdirectory.
     *
     * @throws IllegalStateException when the settings conflict or the directory cannot be created or written
     */
    public static synchronized Path configure() {
        if (configured != null) {
            return configured;
        }
        Resolution resolution = resolve(System::getenv, System::getProperty);
        resolution.propertiesToSet().forEach(System::setProperty);
        Path dir = resolution.engineCacheDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException(notWritable(dir, resolution.chosenBy()), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException(notWritable(dir, resolution.chosenBy()));
        }
        LOG.info("DJL extracts the native tokenizers library under {} (chosen by {})", dir, resolution.chosenBy());
        configured = dir;
        return dir;
    }

    /** Pure decision logic: {@code env} and {@code props} look up environment variables and system properties. */
    static Resolution resolve(UnaryOperator<String> env, UnaryOperator<String> props) {
        Map<String, String> toSet = new LinkedHashMap<>();
        String explicit = props.apply(CACHE_DIR_PROPERTY);
        String chosenBy;
        if (!isBlank(explicit)) {
            toSet.put(ENGINE_CACHE_DIR, explicit);
            chosenBy = "system property " + CACHE_DIR_PROPERTY;
        } else if (!isBlank(djlSetting(env, props, ENGINE_CACHE_DIR, Map.of()))) {
            chosenBy = "DJL's " + ENGINE_CACHE_DIR;
        } else if (!isBlank(djlSetting(env, props, DJL_CACHE_DIR, Map.of()))) {
            chosenBy = "DJL's " + DJL_CACHE_DIR;
        } else {
            toSet.put(ENGINE_CACHE_DIR, defaultDir(props).toString());
            chosenBy = "sparkinfer's default ${java.io.tmpdir}/sparkinfer-djl-<user>";
        }
        if (djlSetting(env, props, RUST_FLAVOR, Map.of()) == null) {
            toSet.put(RUST_FLAVOR, "cpu");
        }
        if (djlSetting(env, props, OPT_OUT_TRACKING, Map.of()) == null) {
            toSet.put(OPT_OUT_TRACKING, "true");
        }
        Path effective = djlEngineCacheDir(env, props, toSet);
        if (!isBlank(explicit) && !effective.equals(Paths.get(explicit))) {
            throw new IllegalStateException("System property " + CACHE_DIR_PROPERTY + "=" + explicit
                    + " cannot take effect: the environment variable " + ENGINE_CACHE_DIR + "='"
                    + env.apply(ENGINE_CACHE_DIR) + "' takes precedence inside DJL. Unset one of the two.");
        }
        return new Resolution(effective, chosenBy, toSet);
    }

    /** {@code ${java.io.tmpdir}/sparkinfer-djl-<user.name>}, the user name reduced to safe file-name characters. */
    static Path defaultDir(UnaryOperator<String> props) {
        String user = props.apply("user.name");
        String safeUser = isBlank(user) ? "unknown" : user.replaceAll("[^A-Za-z0-9._-]", "_");
        return Paths.get(props.apply("java.io.tmpdir")).resolve("sparkinfer-djl-" + safeUser);
    }

    /** Mirrors DJL's {@code Utils.getEngineCacheDir()}, with {@code pending} as extra system properties. */
    private static Path djlEngineCacheDir(UnaryOperator<String> env, UnaryOperator<String> props,
                                          Map<String, String> pending) {
        String engineDir = djlSetting(env, props, ENGINE_CACHE_DIR, pending);
        if (!isBlank(engineDir)) {
            return Paths.get(engineDir);
        }
        String cacheDir = djlSetting(env, props, DJL_CACHE_DIR, pending);
        if (!isBlank(cacheDir)) {
            return Paths.get(cacheDir);
        }
        Path home = Paths.get(props.apply("user.home"));
        Path base = Files.isWritable(home) ? home : Paths.get(props.apply("java.io.tmpdir"));
        return base.resolve(".djl.ai");
    }

    /** DJL's {@code Utils.getEnvOrSystemProperty}: the environment variable wins, even when empty. */
    private static String djlSetting(UnaryOperator<String> env, UnaryOperator<String> props, String key,
                                     Map<String, String> pending) {
        String fromEnv = env.apply(key);
        if (fromEnv != null) {
            return fromEnv;
        }
        return pending.containsKey(key) ? pending.get(key) : props.apply(key);
    }

    private static String notWritable(Path dir, String chosenBy) {
        return "Cannot create or write DJL's native library cache directory " + dir + " (chosen by " + chosenBy
                + "). Point it at a writable local directory with -D" + CACHE_DIR_PROPERTY
                + "=<dir> (on Spark: spark.executor.extraJavaOptions).";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
