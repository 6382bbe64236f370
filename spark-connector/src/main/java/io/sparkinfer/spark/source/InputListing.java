package io.sparkinfer.spark.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The files under input paths (globs expanded, directories listed recursively), skipping hidden files and names
 * that start with {@code _} as Spark's file sources do.
 */
final class InputListing {

    private InputListing() {
    }

    /** Calls {@code visit} with each file until it returns false; a path that matches nothing is an error. */
    static void forEachFile(List<String> paths, Configuration conf, Predicate<FileStatus> visit) {
        try {
            for (String p : paths) {
                Path path = new Path(p);
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new IllegalArgumentException("input path " + p + " does not exist");
                }
                for (FileStatus m : matches) {
                    RemoteIterator<LocatedFileStatus> files = fs.listFiles(m.getPath(), true);
                    while (files.hasNext()) {
                        LocatedFileStatus f = files.next();
                        String name = f.getPath().getName();
                        if (!name.startsWith(".") && !name.startsWith("_") && !visit.test(f)) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the input files under " + paths + ": " + e.getMessage(), e);
        }
    }
}
