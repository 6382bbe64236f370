package io.sparkinfer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.spark.conf.SessionSettings;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Every class the registrator names round-trips through Kryo with registration required. */
class KryoRegistrationTest {

    private static SerializerInstance kryo(boolean withRegistrator) {
        SparkConf conf = new SparkConf().set("spark.kryo.registrationRequired", "true");
        if (withRegistrator) {
            conf.set("spark.kryo.registrator", SparkInferKryoRegistrator.class.getName());
        }
        return new KryoSerializer(conf).newInstance();
    }

    @Test
    void settingsRoundTrip() {
        SessionSettings settings = SessionSettings.from(Map.of("spark.sparkinfer.model", "/models/m",
                "spark.sparkinfer.option.max_tokens", "12"));
        SerializerInstance kryo = kryo(true);
        ByteBuffer bytes = kryo.serialize(settings, ClassTag$.MODULE$.apply(SessionSettings.class));
        SessionSettings back = kryo.deserialize(bytes, ClassTag$.MODULE$.apply(SessionSettings.class));
        assertEquals(settings, back);
        ByteBuffer spec = kryo.serialize(settings.spec(), ClassTag$.MODULE$.apply(Object.class));
        assertEquals(settings.spec(), kryo.deserialize(spec, ClassTag$.MODULE$.apply(Object.class)));
    }

    @Test
    void withoutTheRegistratorKryoRefusesThem() {
        SessionSettings settings = SessionSettings.from(Map.of("spark.sparkinfer.model", "/models/m"));
        assertThrows(IllegalArgumentException.class,
                () -> kryo(false).serialize(settings, ClassTag$.MODULE$.apply(SessionSettings.class)));
    }
}
