package io.sparkinfer.spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * One local SparkSession owned by one test class, with its own scratch directory; closing it stops the
 * session, clears Spark's active and default session, and deletes the directory.
 */
final class LocalTestSession implements AutoCloseable {

    /** Set to a fresh value per session, so a reused (leaked) SparkContext is told apart from ours. */
    static final String TOKEN_KEY = "spark.sparkinfer.test.sessionToken";

    private final Class<?> owner;
    private final SparkSession session;
    private final Path scratchDir;
    private boolean closed;

    private LocalTestSession(Class<?> owner, SparkSession session, Path scratchDir) {
        this.owner = owner;
        this.session = session;
        this.scratchDir = scratchDir;
    }

    /**
     * Starts a session for {@code owner} with the defaults overridden by {@code overrides}.
     *
     * @throws IllegalStateException when another SparkSession or SparkContext is still running in this JVM
     */
    static LocalTestSession start(Class<?> owner, Map<String, String> overrides) {
        refuseRunningSession(owner);
        Path scratchDir = createScratchDir(owner);
        String token = UUID.randomUUID().toString();
        Map<String, String> settings = new LinkedHashMap<>(LocalSessionDefaults.settings(owner, scratchDir));
        settings.putAll(overrides);
        settings.put(TOKEN_KEY, token);

        try {
            SparkSession.Builder builder = SparkSession.builder();
            settings.forEach(builder::config);
            SparkSession session = builder.getOrCreate();
            if (!token.equals(session.sparkContext().getConf().get(TOKEN_KEY, ""))) {
                throw new IllegalStateException("SparkSession for " + owner.getName() + " reused a SparkContext that"
                        + " another test started (app " + session.sparkContext().applicationId() + ") and did not stop,"
                        + " so this class's settings were ignored. Stop every SparkContext a test creates, or let"
                        + " SparkSessionExtension manage it.");
            }
            return new LocalTestSession(owner, session, scratchDir);
        } catch (RuntimeException e) {
            deleteRecursively(scratchDir);
            throw e;
        }
    }

    Class<?> owner() {
        return owner;
    }

    SparkSession session() {
        return session;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        deleteRecursively(scratchDir);
    }

    private static void refuseRunningSession(Class<?> owner) {
        for (Option<SparkSession> candidate : List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession())) {
            if (candidate.isDefined() && !candidate.get().sparkContext().isStopped()) {
                throw new IllegalStateException("Cannot start a SparkSession for " + owner.getName()
                        + ": SparkSession of app " + candidate.get().sparkContext().applicationId() + " ("
                        + candidate.get().sparkContext().appName() + ") is still running in this JVM. A test that"
                        + " creates a session must stop it; use SparkSessionExtension so each class gets its own"
                        + " and stops it afterwards (and do not run Spark test classes concurrently).");
            }
        }
    }

    private static Path createScratchDir(Class<?> owner) {
        // Surefire points java.io.tmpdir at the module's target/, so scratch data stays in the build tree.
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "spark-" + owner.getSimpleName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Spark scratch directory under " + base
                    + " (java.io.tmpdir): " + e.getMessage() + ". Check that the directory is writable.", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete Spark scratch directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
