package io.sparkinfer.spark.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoRegistrator;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Kryo works on this JVM: the Surefire argLine opens the JDK internals that Kryo and Spark reach into.
 *
 * <p>Spark's Kryo 4 cannot build its default FieldSerializer for Java records (the JDK refuses field offsets
 * on record classes), so records that travel as data need a registered serializer; this class registers
 * Kryo's JavaSerializer for its record through {@link RecordsAsJavaSerialization}.
 */
@ExtendWith(SparkSessionExtension.class)
@SparkConf("spark.kryo.registrator=io.sparkinfer.spark.testing.KryoSerializationTest$RecordsAsJavaSerialization")
class KryoSerializationTest {

    /** A mutable bean with collections, as Kryo's FieldSerializer sees most user classes. */
    static final class Sample {
        String name;
        int count;
        float[] weights;
        List<String> tags = new ArrayList<>();
        Map<String, Long> totals = new HashMap<>();

        @Override
        public boolean equals(Object o) {
            return o instanceof Sample s && name.equals(s.name) && count == s.count && Arrays.equals(weights, s.weights)
                    && tags.equals(s.tags) && totals.equals(s.totals);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, count, Arrays.hashCode(weights), tags, totals);
        }
    }

    /** The project's data style: an immutable record. */
    record Point(String label, double x, double y) implements Serializable {
    }

    /** Serializes {@link Point} with Java serialization inside Kryo. */
    public static final class RecordsAsJavaSerialization implements KryoRegistrator {
        @Override
        public void registerClasses(Kryo kryo) {
            kryo.register(Point.class, new JavaSerializer());
        }
    }

    @Test
    void sessionSerializerIsKryo(SparkSession spark) {
        assertEquals(KryoSerializer.class.getName(), spark.sparkContext().getConf().get("spark.serializer"));
        assertInstanceOf(KryoSerializer.class, SparkEnv.get().serializer());
    }

    @Test
    void beanRoundTripsThroughKryo(SparkSession spark) {
        Sample sample = new Sample();
        sample.name = "naïve ünïcode";
        sample.count = 7;
        sample.weights = new float[] {0.5f, -1.25f, Float.NaN};
        sample.tags.addAll(List.of("a", "b"));
        sample.totals.put("tokens", 1234L);

        Sample copy = roundTrip(sample, Sample.class);

        assertNotSame(sample, copy);
        assertEquals(sample, copy);
        assertArrayEquals(sample.weights, copy.weights);
    }

    @Test
    void recordRoundTripsThroughKryo(SparkSession spark) {
        Point point = new Point("p", 1.5, -2.0);
        assertEquals(point, roundTrip(point, Point.class));
    }

    @Test
    void plainKryoRejectsRecords(SparkSession spark) {
        // Same settings without the registrator: documents why records need one.
        org.apache.spark.SparkConf conf = spark.sparkContext().getConf().clone().remove("spark.kryo.registrator");
        SerializerInstance plain = new KryoSerializer(conf).newInstance();
        Point point = new Point("p", 1.5, -2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.serialize(point, classTag(Point.class)));
        assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
    }

    @Test
    void recordsSurviveAShuffle(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Point> points = List.of(new Point("a", 1, 2), new Point("b", 3, 4), new Point("c", 5, 6), new Point("d", 7, 8));
        JavaRDD<Point> shuffled = jsc.parallelize(points, 2).repartition(3);
        List<Point> back = new ArrayList<>(shuffled.collect());
        back.sort((p, q) -> p.label().compareTo(q.label()));
        assertEquals(points, back);
    }

    private static <T> T roundTrip(T value, Class<T> type) {
        ClassTag<T> tag = classTag(type);
        SerializerInstance kryo = SparkEnv.get().serializer().newInstance();
        ByteBuffer bytes = kryo.serialize(value, tag);
        return kryo.deserialize(bytes, tag);
    }

    private static <T> ClassTag<T> classTag(Class<T> type) {
        return ClassTag$.MODULE$.apply(type);
    }
}
