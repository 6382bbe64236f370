package io.sparkinfer.spark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One session per class: the two tests of {@link FirstClass} share one, and {@link SecondClass}, which runs
 * after it, gets a fresh one while the first is stopped and its scratch directory deleted. The enclosing
 * class never asks for a session, so each nested class owns its own.
 */
@ExtendWith(SparkSessionExtension.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SparkSessionExtensionTest {

    /** Left by FirstClass for SecondClass. */
    private static SparkSession firstClassSession;

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class FirstClass {

        private final SparkSession constructorSession;

        FirstClass(SparkSession constructorSession) {
            this.constructorSession = constructorSession;
        }

        @Test
        @Order(1)
        void firstTestRecordsTheRunningSession(SparkSession spark) {
            assertSame(constructorSession, spark, "constructor and method parameters get the same session");
            assertFalse(spark.sparkContext().isStopped());
            assertEquals(4L, spark.range(4).count(), "the session runs jobs");
            firstClassSession = spark;
        }

        @Test
        @Order(2)
        void secondTestGetsTheSameSession(SparkSession spark) {
            assertNotNull(firstClassSession, "firstTestRecordsTheRunningSession runs first");
            assertSame(firstClassSession, spark);
            assertSame(constructorSession, spark);
        }
    }

    @Nested
    @Order(2)
    class SecondClass {

        @Test
        void getsAFreshSessionAfterTheFirstClassStopped(SparkSession spark) {
            assertNotNull(firstClassSession, "FirstClass runs before SecondClass");
            assertNotSame(firstClassSession, spark);
            assertNotSame(firstClassSession.sparkContext(), spark.sparkContext());
            assertTrue(firstClassSession.sparkContext().isStopped());
            assertNotEquals(firstClassSession.sparkContext().getConf().get(LocalTestSession.TOKEN_KEY),
                    spark.sparkContext().getConf().get(LocalTestSession.TOKEN_KEY));
            assertSame(spark, SparkSession.getDefaultSession().get(), "the default session is this class's, not a leftover");

            Path firstScratch = Path.of(java.net.URI.create(firstClassSession.conf().get("spark.sql.warehouse.dir")).getPath()).getParent();
            assertFalse(Files.exists(firstScratch), "scratch directory deleted: " + firstScratch);
        }

        @Test
        void usesTheTestDefaults(SparkSession spark) {
            org.apache.spark.SparkConf conf = spark.sparkContext().getConf();
            assertEquals("local[2]", spark.sparkContext().master());
            assertEquals("SecondClass", spark.sparkContext().appName());
            assertEquals("false", conf.get("spark.ui.enabled"));
            assertTrue(spark.sparkContext().uiWebUrl().isEmpty());
            assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
            assertEquals("127.0.0.1", conf.get("spark.driver.host"));
            assertEquals("2", spark.conf().get("spark.sql.shuffle.partitions"));
            assertEquals("org.apache.spark.serializer.KryoSerializer", conf.get("spark.serializer"));
            assertEquals("false", conf.get("spark.kryo.registrationRequired"));
            assertEquals("UTC", spark.conf().get("spark.sql.session.timeZone"));

            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            Path warehouse = Path.of(java.net.URI.create(spark.conf().get("spark.sql.warehouse.dir")).getPath());
            assertTrue(warehouse.startsWith(tmp), warehouse + " under " + tmp);
            assertTrue(Path.of(conf.get("spark.local.dir")).startsWith(tmp));
        }

        @Test
        void refusesASecondSessionWhileThisOneRuns(SparkSession spark) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalTestSession.start(getClass(), Map.of()));
            assertTrue(e.getMessage().contains("SparkSession of app " + spark.sparkContext().applicationId()
                    + " (SecondClass) is still running in this JVM"), e.getMessage());
        }
    }
}
