package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The cache folders of one hub repo, in huggingface_hub's layout (see the package documentation). */
final class HubRepoCache {

    static final String CONFIG_FILE = "config.json";
    static final String TOKENIZER_FILE = "tokenizer.json";

    private final Path cacheDir;
    private final HubModelId id;
    private final Path repoDir;

    HubRepoCache(Path cacheDir, HubModelId id) {
        this.cacheDir = cacheDir;
        this.id = id;
        this.repoDir = cacheDir.resolve(id.cacheFolderName());
    }

    Path cacheDir() {
        return cacheDir;
    }

    Path repoDir() {
        return repoDir;
    }

    Path blobsDir() {
        return repoDir.resolve("blobs");
    }

    Path blob(String etag) {
        return blobsDir().resolve(etag);
    }

    Path lockFile(String etag) {
        return cacheDir.resolve(".locks").resolve(id.cacheFolderName()).resolve(etag + ".lock");
    }

    Path snapshotDir(String sha) {
        return repoDir.resolve("snapshots").resolve(sha);
    }

    Path refFile(String revision) {
        return repoDir.resolve("refs").resolve(revision);
    }

    /**
     * The snapshot this revision was last resolved to, without any network: {@code refs/<revision>}, else
     * the revision itself when it is a commit sha. Empty when that snapshot holds no model files.
     */
    Optional<Path> findSnapshot() {
        Optional<String> sha = readRef(id.revision());
        if (sha.isPresent() && isModelDir(snapshotDir(sha.get()))) {
            return Optional.of(snapshotDir(sha.get()));
        }
        if (id.revisionIsCommitSha() && isModelDir(snapshotDir(id.revision()))) {
            return Optional.of(snapshotDir(id.revision()));
        }
        return Optional.empty();
    }

    Optional<String> readRef(String revision) {
        Path ref = refFile(revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String sha = Files.readString(ref, StandardCharsets.UTF_8).strip();
            return HubModelId.isCommitSha(sha) ? Optional.of(sha) : Optional.empty();
        } catch (IOException e) {
            throw new ModelResolutionException("Cannot read the cache ref " + ref + ": " + e
                    + ". Fix the permissions of " + repoDir + " or delete that folder to download again.", e);
        }
    }

    /** Points {@code refs/<revision>} at {@code sha}; written through a temp file so readers never see half. */
    void writeRef(String revision, String sha) throws IOException {
        Path ref = refFile(revision);
        Files.createDirectories(ref.getParent());
        Path tmp = Files.createTempFile(ref.getParent(), ".ref-", ".tmp");
        try {
            Files.writeString(tmp, sha, StandardCharsets.UTF_8);
            Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A folder a model or tokenizer can be loaded from: it holds config.json or tokenizer.json. */
    static boolean isModelDir(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG_FILE)) || Files.isRegularFile(dir.resolve(TOKENIZER_FILE));
    }
}
