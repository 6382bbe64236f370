package io.sparkinfer.spark.executor;

import java.util.regex.Pattern;

/** Tells a Hadoop filesystem URI ({@code hdfs://}, {@code s3a://}, {@code file://}) from a local path or hub id. */
public final class ModelLocation {
    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    private ModelLocation() {
    }

    public static boolean isUri(String model) {
        return URI.matcher(model.strip()).matches();
    }
}
