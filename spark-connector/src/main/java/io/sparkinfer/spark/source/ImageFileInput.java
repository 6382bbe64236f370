package io.sparkinfer.spark.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A directory (or glob, or list) of image files, one row per file with the columns of Spark's {@code binaryFile}
 * source: {@code path}, {@code modificationTime}, {@code length}, {@code content}. Files are listed once on the
 * driver (recursively, hidden files and names starting with {@code _} skipped, only image extensions unless
 * {@code pathGlobFilter} says otherwise), sorted by path, and cut into contiguous groups: at least
 * {@code spark.default.parallelism} of them, more when their bytes exceed {@code spark.sql.files.maxPartitionBytes}.
 */
final class ImageFileInput implements InputFiles {
    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("modificationTime", DataTypes.TimestampType, false)
            .add("length", DataTypes.LongType, false)
            .add("content", DataTypes.BinaryType, true);

    private final List<ImagePartition.File> files;
    private final int partitions;
    private final Broadcast<SerializableConfiguration> hadoopConf;

    ImageFileInput(SparkSession spark, List<String> paths, String globFilter) {
        Configuration conf = spark.sessionState().newHadoopConf();
        this.files = list(conf, paths, globFilter == null ? null : glob(globFilter));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files under " + paths + (globFilter == null
                    ? " (looked for " + String.join(", ", InputFormat.IMAGE_EXTENSIONS) + ", case-insensitive)"
                    : " matching pathGlobFilter " + globFilter) + "; check the path, or set pathGlobFilter");
        }
        long bytes = files.stream().mapToLong(ImagePartition.File::length).sum();
        long maxBytes = Math.max(1, spark.sessionState().conf().filesMaxPartitionBytes());
        long wanted = Math.max(spark.sparkContext().defaultParallelism(), (bytes + maxBytes - 1) / maxBytes);
        this.partitions = (int) Math.min(files.size(), wanted);
        this.hadoopConf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(conf));
    }

    @Override
    public StructType schema() {
        return SCHEMA;
    }

    /** Always all four columns: captions need the content even when the query does not return it. */
    @Override
    public Scan prune(StructType columns) {
        InputPartition[] out = new InputPartition[partitions];
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) files.size() * p / partitions);
            int to = (int) ((long) files.size() * (p + 1) / partitions);
            out[p] = new ImagePartition(List.copyOf(files.subList(from, to)));
        }
        return new Scan(SCHEMA, out, new ImageReaderFactory(hadoopConf));
    }

    private static List<ImagePartition.File> list(Configuration conf, List<String> paths, GlobFilter filter) {
        List<ImagePartition.File> out = new ArrayList<>();
        InputListing.forEachFile(paths, conf, f -> {
            String name = f.getPath().getName().toLowerCase(Locale.ROOT);
            boolean wanted = filter != null ? filter.accept(f.getPath())
                    : InputFormat.IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
            if (wanted) {
                out.add(new ImagePartition.File(f.getPath().toString(), f.getModificationTime(), f.getLen()));
            }
            return true;
        });
        out.sort(Comparator.comparing(ImagePartition.File::path));
        return out;
    }

    private static GlobFilter glob(String pattern) {
        try {
            return new GlobFilter(pattern);
        } catch (IOException e) {
            throw new IllegalArgumentException("option pathGlobFilter = '" + pattern + "' is not a glob: "
                    + e.getMessage(), e);
        }
    }
}
