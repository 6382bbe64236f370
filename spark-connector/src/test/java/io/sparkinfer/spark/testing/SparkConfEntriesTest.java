package io.sparkinfer.spark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkConfEntriesTest {

    @SparkConf({"spark.a=1", "spark.b = x=y "})
    static class Annotated {
        class Inner {
        }

        @SparkConf("spark.a=2")
        class OwnConf {
        }
    }

    static class Sub extends Annotated {
    }

    static class Plain {
    }

    @Test
    void parsesKeyValueEntriesInOrderTrimmedWithLaterKeysWinning() {
        Map<String, String> parsed = SparkConfEntries.parse(new String[] {"spark.z=1", "spark.eq = a=b ", "spark.empty=", "spark.z=2"}, "test");
        assertEquals(Map.of("spark.z", "2", "spark.eq", "a=b", "spark.empty", ""), parsed);
        assertEquals(List.of("spark.z", "spark.eq", "spark.empty"), List.copyOf(parsed.keySet()));
    }

    @Test
    void rejectsEntriesWithoutKey() {
        for (String bad : new String[] {"spark.no.equals", "=value", " =value"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SparkConfEntries.parse(new String[] {bad}, "@SparkConf on Foo"));
            assertEquals("Spark setting \"" + bad + "\" in @SparkConf on Foo has no key; write it as \"key=value\","
                    + " e.g. \"spark.sql.ansi.enabled=false\".", e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkConfEntries.parse(new String[] {null}, "x"))
                .getMessage().contains("is null"));
    }

    @Test
    void nearestAnnotationAppliesThroughSuperclassesAndEnclosingClasses() {
        assertEquals(Map.of("spark.a", "1", "spark.b", "x=y"), SparkConfEntries.forTestClass(Annotated.class));
        assertEquals(Optional.of(Sub.class), SparkConfEntries.annotatedClassFor(Sub.class), "@Inherited");
        assertEquals(Map.of("spark.a", "1", "spark.b", "x=y"), SparkConfEntries.forTestClass(Sub.class));
        assertEquals(Optional.of(Annotated.class), SparkConfEntries.annotatedClassFor(Annotated.Inner.class));
        assertEquals(Map.of("spark.a", "2"), SparkConfEntries.forTestClass(Annotated.OwnConf.class));
        assertEquals(Map.of(), SparkConfEntries.forTestClass(Plain.class));
    }
}
