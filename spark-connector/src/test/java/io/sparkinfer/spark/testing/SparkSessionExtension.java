package io.sparkinfer.spark.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class one local {@link SparkSession}, created when a test (or constructor, or
 * {@code @BeforeAll} method) first asks for a {@code SparkSession} parameter, and stopped after the class.
 *
 * <p>Use {@code @ExtendWith(SparkSessionExtension.class)}, or
 * {@code @RegisterExtension static final SparkSessionExtension SPARK = SparkSessionExtension.withConf("k=v")}.
 * Settings, lowest precedence first: {@link LocalSessionDefaults} ({@code local[2]}, no UI, Kryo, two shuffle
 * partitions, scratch directories under {@code java.io.tmpdir}), then {@link #withConf}, then {@link SparkConf}.
 *
 * <p>A {@code @Nested} class shares its enclosing class's session when that one is already running, and
 * otherwise gets its own. Spark allows one SparkContext per JVM, so Spark test classes must not run
 * concurrently; starting a session while another is running fails with a message naming it.
 */
public final class SparkSessionExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkSessionExtension.class);
    private static final String SESSION_KEY = "session";

    private final Map<String, String> extensionSettings;

    /** An extension with the default settings (plus any {@link SparkConf} on the test class). */
    public SparkSessionExtension() {
        this(Map.of());
    }

    private SparkSessionExtension(Map<String, String> extensionSettings) {
        this.extensionSettings = extensionSettings;
    }

    /** An extension whose sessions add these {@code "key=value"} settings; {@link SparkConf} still overrides them. */
    public static SparkSessionExtension withConf(String... entries) {
        return new SparkSessionExtension(SparkConfEntries.parse(entries, "SparkSessionExtension.withConf"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SparkSession.class;
    }

    @Override
    public SparkSession resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return sessionFor(extensionContext);
    }

    /** The session of the test class that {@code extensionContext} belongs to, started on first use. */
    SparkSession sessionFor(ExtensionContext extensionContext) {
        ExtensionContext classContext = classContext(extensionContext);
        Class<?> testClass = classContext.getRequiredTestClass();
        LocalTestSession owned = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                SESSION_KEY, key -> LocalTestSession.start(testClass, settingsFor(testClass)), LocalTestSession.class);
        if (owned.owner() != testClass && testClass.getDeclaredAnnotation(SparkConf.class) != null) {
            throw new ParameterResolutionException(testClass.getName() + " declares @SparkConf, but it shares the"
                    + " SparkSession already running for its enclosing class " + owned.owner().getName()
                    + ", so those settings cannot apply. Move the @SparkConf to " + owned.owner().getSimpleName()
                    + ", or keep " + owned.owner().getSimpleName() + "'s own tests from using a SparkSession.");
        }
        return owned.session();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Only this class's own session: a @Nested class leaves its enclosing class's session running.
        LocalTestSession owned = context.getStore(NAMESPACE).remove(SESSION_KEY, LocalTestSession.class);
        if (owned != null) {
            owned.close();
        }
    }

    private Map<String, String> settingsFor(Class<?> testClass) {
        Map<String, String> settings = new LinkedHashMap<>(extensionSettings);
        settings.putAll(SparkConfEntries.forTestClass(testClass));
        return settings;
    }

    /** The context of the test class: method and invocation contexts sit below it. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent()) {
            c = c.getParent().orElseThrow(() -> new IllegalStateException(
                    "[BUG] test method context without a parent: " + context.getUniqueId()));
        }
        return c;
    }
}
