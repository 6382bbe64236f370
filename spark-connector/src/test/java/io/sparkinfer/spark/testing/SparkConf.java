package io.sparkinfer.spark.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Extra Spark settings for the session that {@link SparkSessionExtension} creates for a test class,
 * each entry {@code "key=value"}, e.g.
 * {@code @SparkConf({"spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions", "spark.sql.ansi.enabled=false"})}.
 *
 * <p>They override the extension's defaults. The nearest annotation wins: the test class (or a
 * superclass), else its enclosing classes for a {@code @Nested} class. Not to be confused with
 * {@link org.apache.spark.SparkConf}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SparkConf {

    /** Settings as {@code "key=value"}; the value may itself contain '='. */
    String[] value();
}
