package io.sparkinfer.engine.hub;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code HEAD} of a file's resolve URL says about it.
 *
 * @param file        the file's path in the repo
 * @param etag        the content id the blob is stored under (quotes and {@code W/} removed)
 * @param size        the file's length in bytes
 * @param resolveUrl  the hub URL asked, for messages
 * @param downloadUrl where the bytes are (the redirect target for files in LFS storage)
 */
record FileMetadata(String file, String etag, long size, URI resolveUrl, URI downloadUrl) {

    // The etag becomes a file name: keep it to characters that cannot leave blobs/.
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    FileMetadata {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(resolveUrl, "resolveUrl");
        Objects.requireNonNull(downloadUrl, "downloadUrl");
        if (!SAFE_ETAG.matcher(etag).matches()) {
            throw new ModelResolutionException("The hub sent ETag '" + etag + "' for " + resolveUrl
                    + ", which cannot name a cache file. Check that HF_ENDPOINT points at a Hugging Face hub.");
        }
        if (size < 0) {
            throw new ModelResolutionException("The hub announced a negative size " + size + " for " + resolveUrl);
        }
    }

    /**
     * The SHA-256 the content must have (lowercase hex), for files in git-LFS storage, which the hub names by
     * their sha256; empty for small files, whose etag is the sha1 of a git blob object (header included) and
     * so no plain digest of the bytes.
     */
    Optional<String> expectedSha256() {
        return SHA256_HEX.matcher(etag).matches() ? Optional.of(etag.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** {@code W/"abc"} and {@code "abc"} both name blob {@code abc}, as in huggingface_hub. */
    static String normalizeEtag(String raw) {
        String etag = raw.strip();
        if (etag.startsWith("W/")) {
            etag = etag.substring(2);
        }
        if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            etag = etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
