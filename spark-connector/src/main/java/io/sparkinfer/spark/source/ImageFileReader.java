package io.sparkinfer.spark.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One row per image file of a partition. A file that cannot be read fails the task (Spark retries it); a file that
 * reads but does not decode as an image fails only its row, later, when the engine decodes it.
 */
final class ImageFileReader implements PartitionReader<InternalRow> {
    /** Larger files cannot be one Java array; no image the engine accepts comes near it. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private final List<ImagePartition.File> files;
    private final Configuration conf;
    private int next;
    private InternalRow current;

    ImageFileReader(List<ImagePartition.File> files, Configuration conf) {
        this.files = files;
        this.conf = conf;
    }

    @Override
    public boolean next() throws IOException {
        if (next >= files.size()) {
            return false;
        }
        ImagePartition.File f = files.get(next++);
        current = new GenericInternalRow(new Object[] {UTF8String.fromString(f.path()), f.modificationTime() * 1000L,
                f.length(), read(f)});
        return true;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public void close() {
        current = null;
    }

    private byte[] read(ImagePartition.File f) throws IOException {
        Path path = new Path(f.path());
        FileSystem fs = path.getFileSystem(conf);
        long length = fs.getFileStatus(path).getLen();
        if (length > MAX_BYTES) {
            throw new IOException("image file " + f.path() + " has " + length + " bytes, more than one array holds ("
                    + MAX_BYTES + "); remove it from the input or filter it out with pathGlobFilter");
        }
        try (InputStream in = fs.open(path)) {
            return in.readNBytes((int) length);
        }
    }
}
