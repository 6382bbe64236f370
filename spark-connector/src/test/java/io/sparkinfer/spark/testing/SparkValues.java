package io.sparkinfer.spark.testing;

import java.util.List;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/** Views of collected array and map values (Scala collections in a collected Row) as Java collections. */
final class SparkValues {

    private SparkValues() {
    }

    static List<?> list(Object arrayValue) {
        if (arrayValue instanceof scala.collection.Seq<?> seq) {
            return CollectionConverters.asJava(seq);
        }
        if (arrayValue instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("Expected an array value (scala.collection.Seq or java.util.List) but got "
                + arrayValue.getClass().getName() + ": " + arrayValue);
    }

    static Map<?, ?> map(Object mapValue) {
        if (mapValue instanceof scala.collection.Map<?, ?> map) {
            return CollectionConverters.asJava(map);
        }
        if (mapValue instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("Expected a map value (scala.collection.Map or java.util.Map) but got "
                + mapValue.getClass().getName() + ": " + mapValue);
    }
}
