package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one file into {@code blobs/<etag>}: streamed into {@code <etag>.incomplete}, resumed with a Range
 * request after a dropped or stalled connection (in this run or an earlier one), size-checked, checked against
 * its SHA-256 where the etag is one (LFS files), then renamed into place.
 */
final class BlobDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(BlobDownloader.class);
    private static final int BUFFER_BYTES = 1 << 20;

    private final HubClient client;
    private final DownloadPolicy policy;

    BlobDownloader(HubClient client, DownloadPolicy policy) {
        this.client = client;
        this.policy = policy;
    }

    /** The complete blob for {@code file}, downloaded unless an earlier run or another process already did. */
    Path ensure(HubModelId id, HubRepoCache cache, FileMetadata file) throws IOException {
        Path blob = cache.blob(file.etag());
        if (isComplete(blob, file)) {
            return blob;
        }
        Files.createDirectories(cache.blobsDir());
        BlobLock lock = BlobLock.acquire(cache.lockFile(file.etag()));
        try {
            if (isComplete(blob, file)) {
                LOG.debug("{} was downloaded by another resolver meanwhile", file.file());
                return blob;
            }
            Path partial = cache.blobsDir().resolve(file.etag() + ".incomplete");
            LOG.info("Downloading {} of {} ({} bytes) from {}", file.file(), id, file.size(), file.downloadUrl());
            String sha256 = downloadWithRetries(id, file, partial);
            long got = Files.size(partial);
            if (got != file.size()) {
                Files.deleteIfExists(partial);
                throw new ModelResolutionException("Size mismatch for " + file.file() + " of " + id + ": downloaded "
                        + got + " bytes from " + file.downloadUrl() + " but the hub announced " + file.size()
                        + " bytes; deleted the partial file " + partial + ". Run again; if it repeats, the endpoint ("
                        + "HF_ENDPOINT) serves inconsistent data.");
            }
            verifyContent(id, file, partial, sha256);
            Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return blob;
        } finally {
            lock.close();
        }
    }

    /** Downloads until {@code partial} is whole; returns the SHA-256 (hex) of its bytes. */
    private String downloadWithRetries(HubModelId id, FileMetadata file, Path partial) throws IOException {
        int maxAttempts = policy.attempts();
        for (int attempt = 1; ; attempt++) {
            try {
                return fetchInto(id, file, partial);
            } catch (IOException e) {
                long kept = Files.exists(partial) ? Files.size(partial) : 0;
                if (attempt == maxAttempts) {
                    throw new ModelResolutionException("Could not download " + file.file() + " of " + id + " from "
                            + file.downloadUrl() + " into the cache file " + partial + " after " + attempt
                            + " attempts: " + Causes.describe(e) + ". " + kept + " of " + file.size()
                            + " bytes are kept there; running again resumes from them.", e);
                }
                LOG.warn("Download of {} failed after {} of {} bytes ({}); retrying ({} of {})",
                        file.file(), kept, file.size(), Causes.describe(e), attempt + 1, maxAttempts);
                pause(policy.retryDelay().multipliedBy(attempt));
            }
        }
    }

    /**
     * One attempt: appends to what {@code partial} already holds when the server honours the Range. Returns
     * the SHA-256 (hex) of all of {@code partial}'s bytes.
     */
    private String fetchInto(HubModelId id, FileMetadata file, Path partial) throws IOException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        if (have > file.size()) {
            Files.delete(partial);
            have = 0;
        }
        // Hashed before the request, so reading a large partial file never counts as a stalled body.
        MessageDigest digest = ContentDigest.ofPrefix(partial, have);
        if (have == file.size() && Files.exists(partial)) {
            return ContentDigest.hex(digest); // an earlier run got every byte but stopped before the rename
        }
        HttpResponse<InputStream> response = client.openDownload(id, file, have);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 416) {
                Files.deleteIfExists(partial);
                throw new IOException("the server refused to resume at byte " + have + " (HTTP 416); starting over");
            }
            boolean resume = status == 206;
            if (resume) {
                checkRangeStart(response, have, partial);
                LOG.info("Resuming {} at byte {} of {}", file.file(), have, file.size());
            } else {
                digest.reset(); // starting over: the kept bytes get overwritten
                if (have > 0) {
                    LOG.info("The server ignored the Range request for {}; downloading it from the start",
                            file.file());
                }
            }
            copy(body, partial, resume, file.size(), digest);
        }
        return ContentDigest.hex(digest);
    }

    private static void checkRangeStart(HttpResponse<?> response, long expected, Path partial) throws IOException {
        String range = response.headers().firstValue("Content-Range").orElse("");
        // Content-Range: bytes <start>-<end>/<total>
        String prefix = "bytes " + expected + "-";
        if (!range.startsWith(prefix)) {
            Files.deleteIfExists(partial);
            throw new IOException("asked to resume at byte " + expected + " but the server sent Content-Range '"
                    + range + "'; starting over");
        }
    }

    /**
     * Streams the body to disk and into {@code digest}, stopping early if the server sends more than it
     * announced. A body that delivers nothing for the stall timeout is closed and reported as stalled.
     */
    private void copy(InputStream body, Path partial, boolean append, long announced, MessageDigest digest)
            throws IOException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        Duration stallTimeout = policy.stallTimeout();
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
                StallWatchdog.Watch watch = StallWatchdog.watch(body, stallTimeout)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            long written = out.size();
            try {
                for (int n; written <= announced && (n = readWatched(body, buffer, watch)) > 0; written += n) {
                    digest.update(buffer, 0, n);
                    out.write(ByteBuffer.wrap(buffer, 0, n));
                }
            } catch (IOException e) {
                if (watch.stalled()) {
                    throw new DownloadStalledException(stallTimeout, written, e);
                }
                throw e;
            }
            out.force(true);
        }
    }

    private static int readWatched(InputStream body, byte[] buffer, StallWatchdog.Watch watch) throws IOException {
        watch.progress(); // restarted per read: the limit bounds one wait for the server, not the whole body
        return body.read(buffer);
    }

    /** For LFS files, whose etag is their SHA-256: the bytes must hash to it. */
    private static void verifyContent(HubModelId id, FileMetadata file, Path partial, String actualSha256)
            throws IOException {
        Optional<String> expected = file.expectedSha256();
        if (expected.isEmpty() || expected.get().equals(actualSha256)) {
            return;
        }
        Files.deleteIfExists(partial);
        throw new ModelResolutionException("Content mismatch for " + file.file() + " of " + id + ": the "
                + file.size() + " bytes downloaded from " + file.downloadUrl() + " have SHA-256 " + actualSha256
                + " but the hub names the file by SHA-256 " + expected.get() + "; deleted the partial file "
                + partial + ". Run again to download it again from the start; if it repeats, the endpoint"
                + " (HF_ENDPOINT) or a proxy on the way serves corrupted data.");
    }

    private static boolean isComplete(Path blob, FileMetadata file) throws IOException {
        return Files.isRegularFile(blob) && Files.size(blob) == file.size();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelResolutionException("Interrupted while waiting to retry a download", e);
        }
    }
}
