package io.sparkinfer.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.executor.EngineSpec;
import io.sparkinfer.spark.metrics.LlmMetrics;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * {@code spark.kryo.registrator=io.sparkinfer.spark.SparkInferKryoRegistrator}: registers every sparkinfer class
 * that Spark may serialize with Kryo, so jobs run with {@code spark.kryo.registrationRequired=true}. Records go
 * through Java serialization inside Kryo, which keeps their constructors' checks.
 */
public class SparkInferKryoRegistrator implements KryoRegistrator {

    /** The classes registered here, plus those of modules above (see {@link #register(Kryo, List)}). */
    public static final List<Class<?>> CLASSES = List.of(EngineSpec.class, SessionSettings.class, LlmMetrics.class);

    @Override
    public void registerClasses(Kryo kryo) {
        register(kryo, CLASSES);
    }

    /** Registers {@code classes} with Java serialization (for registrators of the modules above this one). */
    public static void register(Kryo kryo, List<Class<?>> classes) {
        for (Class<?> c : classes) {
            kryo.register(c, new JavaSerializer());
        }
    }
}
