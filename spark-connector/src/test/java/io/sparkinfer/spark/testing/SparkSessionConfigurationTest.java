package io.sparkinfer.spark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Settings precedence (defaults, then {@link SparkSessionExtension#withConf}, then {@link SparkConf}) and
 * {@code @Nested} classes sharing the enclosing class's running session.
 */
@SparkConf({"spark.sparkinfer.test.source=annotation", "spark.sql.shuffle.partitions=3", "spark.sparkinfer.test.withEquals=a=b"})
class SparkSessionConfigurationTest {

    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.sql.session.timeZone=Europe/Paris", "spark.sparkinfer.test.source=extension");

    private static SparkSession started;

    @BeforeAll
    static void startBeforeTheNestedClasses(SparkSession spark) {
        started = spark;
    }

    @Test
    void annotationOverridesExtensionSettingsWhichOverrideDefaults(SparkSession spark) {
        assertSame(started, spark);
        assertEquals("annotation", spark.conf().get("spark.sparkinfer.test.source"));
        assertEquals("Europe/Paris", spark.conf().get("spark.sql.session.timeZone"));
        assertEquals("3", spark.conf().get("spark.sql.shuffle.partitions"));
        assertEquals("a=b", spark.conf().get("spark.sparkinfer.test.withEquals"));
        assertEquals("local[2]", spark.sparkContext().master(), "defaults not overridden stay");
        assertEquals("1970-01-01 01:00:00", spark.sql("SELECT CAST(TIMESTAMP_SECONDS(0) AS STRING)").first().getString(0));
    }

    @Nested
    class SharesTheEnclosingSession {

        @Test
        void getsTheEnclosingClassSession(SparkSession spark) {
            assertSame(started, spark);
            assertEquals("annotation", spark.conf().get("spark.sparkinfer.test.source"));
        }
    }

    @Nested
    @SparkConf("spark.sparkinfer.test.source=nested")
    class DeclaresItsOwnSettings {

        @RegisterExtension
        final ContextCapture capture = new ContextCapture();

        @Test
        void cannotShareTheRunningEnclosingSession() {
            ParameterResolutionException e = assertThrows(ParameterResolutionException.class, () -> SPARK.sessionFor(capture.context));
            assertEquals(DeclaresItsOwnSettings.class.getName() + " declares @SparkConf, but it shares the SparkSession"
                    + " already running for its enclosing class " + SparkSessionConfigurationTest.class.getName()
                    + ", so those settings cannot apply. Move the @SparkConf to SparkSessionConfigurationTest, or keep"
                    + " SparkSessionConfigurationTest's own tests from using a SparkSession.", e.getMessage());
        }
    }

    /** Hands the test its own ExtensionContext, to call the extension directly. */
    static final class ContextCapture implements BeforeEachCallback {
        ExtensionContext context;

        @Override
        public void beforeEach(ExtensionContext extensionContext) {
            context = extensionContext;
        }
    }
}
