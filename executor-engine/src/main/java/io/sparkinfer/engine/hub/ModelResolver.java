package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a model spec into a local directory. A spec naming an existing directory is used as is; otherwise it
 * must be a hub id ({@code org/name[@revision]}), resolved through the huggingface_hub cache: downloaded when
 * online, read from the cache when offline or when the endpoint cannot be reached.
 */
public final class ModelResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);

    private final HubSettings settings;
    private final HubClient client;
    private final SnapshotDownloader downloader;

    public ModelResolver(HubSettings settings) {
        this(settings, DownloadPolicy.DEFAULT, new SnapshotLinker());
    }

    ModelResolver(HubSettings settings, DownloadPolicy downloads, SnapshotLinker linker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new HubClient(settings);
        BlobDownloader blobs = new BlobDownloader(client, Objects.requireNonNull(downloads, "downloads"));
        this.downloader = new SnapshotDownloader(client, blobs, linker);
    }

    /** A resolver configured from this process's environment (HF_HOME, HF_TOKEN, ...; see {@link HubSettings}). */
    public static ModelResolver fromEnvironment() {
        return new ModelResolver(HubSettings.fromEnvironment());
    }

    public HubSettings settings() {
        return settings;
    }

    /**
     * The local directory for {@code spec}: the directory itself (absolute) when it exists, else the snapshot
     * folder of the hub id. The directory holds config.json or tokenizer.json; callers check for what they need.
     *
     * @throws ModelResolutionException with what failed and how to fix it
     */
    public Path resolve(String spec) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        if (text.isEmpty()) {
            throw new ModelResolutionException("The model spec is empty: pass a local model directory or a hub id"
                    + " like Qwen/Qwen3.5-0.8B.");
        }
        Optional<Path> local = asPath(text);
        if (local.isPresent() && Files.isDirectory(local.get())) {
            return checkedLocalDirectory(local.get().toAbsolutePath().normalize());
        }
        HubModelId id;
        try {
            id = HubModelId.parse(text);
        } catch (IllegalArgumentException e) {
            String where = local.map(p -> p.toAbsolutePath() + (Files.exists(p) ? " is a file" : " does not exist"))
                    .orElse("it is not a valid path");
            throw new ModelResolutionException("Model spec '" + spec + "' is neither an existing local directory ("
                    + where + ") nor a Hugging Face hub id (" + e.getMessage() + "). Pass the directory that holds"
                    + " the model's config.json, or a hub id like Qwen/Qwen3.5-0.8B or Qwen/Qwen3.5-0.8B@<revision>.",
                    e);
        }
        return resolveHub(id, local.map(Path::toAbsolutePath).map(Path::toString).orElse(text));
    }

    private Path resolveHub(HubModelId id, String localCandidate) {
        HubRepoCache cache = new HubRepoCache(settings.cacheDir(), id);
        if (settings.offline()) {
            return cached(id, cache, "HF_HUB_OFFLINE is set, so the hub is not contacted", localCandidate);
        }
        RevisionInfo revision;
        try {
            revision = client.fetchRevision(id);
        } catch (EndpointUnreachableException e) {
            LOG.warn("The hub could not be reached ({}); looking for {} in the cache {}", e.getMessage(), id,
                    settings.cacheDir());
            return cached(id, cache, "the hub could not be reached (" + e.getMessage() + ")", localCandidate);
        }
        return downloader.download(id, cache, revision);
    }

    private Path cached(HubModelId id, HubRepoCache cache, String whyNotDownloaded, String localCandidate) {
        Optional<Path> snapshot = cache.findSnapshot();
        if (snapshot.isPresent()) {
            LOG.info("Using cached {} from {}", id, snapshot.get());
            return snapshot.get();
        }
        throw new ModelResolutionException("Model " + id + " is not in the local cache " + settings.cacheDir()
                + " (no complete snapshot via " + cache.refFile(id.revision()) + "), and " + whyNotDownloaded
                + ". To fix: run once with network access so it is downloaded into that cache; or copy the model"
                + " directory to this machine and pass its path instead of the hub id; or set HF_HOME (or"
                + " HF_HUB_CACHE) to where the cache already is. (No local directory " + localCandidate
                + " exists either.)");
    }

    private static Path checkedLocalDirectory(Path dir) {
        if (HubRepoCache.isModelDir(dir)) {
            return dir;
        }
        String listing;
        try (Stream<Path> files = Files.list(dir)) {
            listing = files.map(p -> p.getFileName().toString()).sorted().limit(20).toList().toString();
        } catch (IOException e) {
            listing = "unreadable: " + e;
        }
        throw new ModelResolutionException("Model directory " + dir + " has neither config.json nor tokenizer.json"
                + " (it holds " + listing + "). Pass the folder that holds the model's config.json.");
    }

    private static Optional<Path> asPath(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
