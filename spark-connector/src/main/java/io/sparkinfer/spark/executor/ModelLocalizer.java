package io.sparkinfer.spark.executor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a model directory from a Hadoop filesystem into a local cache directory once per host, so that the
 * engine can memory-map it. The copy goes to a temporary folder, is checked file by file against the remote
 * sizes, and is renamed into place; a lock file keeps executors on one host from copying the same model twice.
 * A cached copy is reused while its file list and sizes still match the remote directory.
 */
public final class ModelLocalizer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLocalizer.class);
    static final String COMPLETE_MARKER = ".sparkinfer-complete";
    private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path cacheRoot;
    private final Configuration hadoopConf;

    public ModelLocalizer(Path cacheRoot, Configuration hadoopConf) {
        this.cacheRoot = cacheRoot;
        this.hadoopConf = hadoopConf;
    }

    /** The local copy of the model directory at {@code uri}, made now if it is missing or stale. */
    public Path localize(String uri) {
        try {
            URI location = URI.create(uri.strip());
            FileSystem fs = FileSystem.get(location, hadoopConf);
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
            Map<String, Long> remote = listing(fs, dir, uri);
            String name = cacheName(uri, dir.getName());
            Files.createDirectories(cacheRoot);
            Path target = cacheRoot.resolve(name);
            ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(name, k -> new ReentrantLock());
            jvmLock.lock();
            try (FileChannel lockFile = FileChannel.open(cacheRoot.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (matches(target, remote)) {
                    LOG.info("model {}: using the local copy in {}", uri, target);
                    return target;
                }
                copy(fs, dir, remote, target, uri);
                return target;
            } finally {
                jvmLock.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model " + uri + " into the local cache " + cacheRoot + ": "
                    + e.getMessage() + "; check that the URI exists and that spark.sparkinfer.localCacheDir is a"
                    + " writable local directory with room for the model", e);
        }
    }

    private static Map<String, Long> listing(FileSystem fs, org.apache.hadoop.fs.Path dir, String uri)
            throws IOException {
        FileStatus status = fs.getFileStatus(dir);
        if (!status.isDirectory()) {
            throw new IOException(uri + " is a file; spark.sparkinfer.model must name the model's directory");
        }
        Map<String, Long> files = new TreeMap<>();
        String base = status.getPath().toUri().getPath();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            String relative = f.getPath().toUri().getPath().substring(base.length()).replaceFirst("^/+", "");
            files.put(relative, f.getLen());
        }
        if (!files.containsKey("config.json")) {
            throw new IOException(uri + " holds no config.json, so it is not a Hugging Face model directory");
        }
        return files;
    }

    private static boolean matches(Path target, Map<String, Long> remote) throws IOException {
        Path marker = target.resolve(COMPLETE_MARKER);
        if (!Files.exists(marker)) {
            return false;
        }
        for (Map.Entry<String, Long> e : remote.entrySet()) {
            Path local = target.resolve(e.getKey());
            if (!Files.isRegularFile(local) || Files.size(local) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void copy(FileSystem fs, org.apache.hadoop.fs.Path dir, Map<String, Long> remote, Path target,
            String uri) throws IOException {
        long started = System.nanoTime();
        Path staging = cacheRoot.resolve(target.getFileName() + ".tmp-" + UUID.randomUUID());
        long bytes = 0;
        try {
            for (Map.Entry<String, Long> e : remote.entrySet()) {
                Path local = staging.resolve(e.getKey());
                Files.createDirectories(local.getParent());
                try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(dir, e.getKey()))) {
                    Files.copy(in, local);
                }
                long size = Files.size(local);
                if (size != e.getValue()) {
                    throw new IOException("copied " + size + " bytes of " + e.getKey() + " but the remote file has "
                            + e.getValue());
                }
                bytes += size;
            }
            Files.writeString(staging.resolve(COMPLETE_MARKER), remote.toString(), StandardCharsets.UTF_8);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
        LOG.info("model {}: copied {} files ({} MB) into {} in {} ms", uri, remote.size(), bytes >> 20, target,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static String cacheName(String uri, String leaf) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uri.strip().getBytes(StandardCharsets.UTF_8));
            String safeLeaf = leaf.replaceAll("[^A-Za-z0-9._-]", "_");
            return safeLeaf + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("[BUG] SHA-256 is always available", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
