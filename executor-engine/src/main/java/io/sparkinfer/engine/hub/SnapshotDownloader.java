package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fills {@code snapshots/<sha>/} with the files an inference engine reads, then points the revision's ref at it. */
final class SnapshotDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDownloader.class);

    private final HubClient client;
    private final BlobDownloader blobs;
    private final SnapshotLinker linker;

    SnapshotDownloader(HubClient client, BlobDownloader blobs, SnapshotLinker linker) {
        this.client = client;
        this.blobs = blobs;
        this.linker = linker;
    }

    Path download(HubModelId id, HubRepoCache cache, RevisionInfo revision) {
        Set<String> siblings = new HashSet<>(revision.siblings());
        InferenceFiles.Plan plan = InferenceFiles.plan(id, siblings);
        Path snapshot = cache.snapshotDir(revision.sha());
        LOG.info("Resolving {} (commit {}) into {}", id, revision.sha(), snapshot);
        List<String> added = new ArrayList<>();
        for (String file : plan.supportFiles()) {
            fetch(id, cache, revision.sha(), file, added);
        }
        List<String> weights = plan.sharded()
                ? InferenceFiles.shardsFromIndex(id, snapshot.resolve(InferenceFiles.SHARD_INDEX), siblings)
                : plan.weightFiles();
        for (String file : weights) {
            fetch(id, cache, revision.sha(), file, added);
        }
        // Last, so a ref only ever points at a complete snapshot (offline use trusts it).
        if (!id.revision().equals(revision.sha())) {
            try {
                cache.writeRef(id.revision(), revision.sha());
            } catch (IOException e) {
                throw new ModelResolutionException("Downloaded " + id + " but could not write "
                        + cache.refFile(id.revision()) + ": " + e + ". Check that the cache is writable.", e);
            }
        }
        LOG.info("{} is ready in {} ({} files added, {} were already there)", id, snapshot, added.size(),
                plan.supportFiles().size() + weights.size() - added.size());
        return snapshot;
    }

    private void fetch(HubModelId id, HubRepoCache cache, String sha, String file, List<String> added) {
        Path target = cache.snapshotDir(sha).resolve(file);
        if (Files.exists(target)) { // follows the link: a snapshot entry exists only once its blob is complete
            LOG.debug("{} is already in the snapshot", file);
            return;
        }
        FileMetadata metadata;
        try {
            metadata = client.fileMetadata(id, sha, file);
        } catch (IOException e) {
            throw new ModelResolutionException("Could not ask the hub about " + file + " of " + id + " at "
                    + client.resolveUrl(id, sha, file) + ": " + Causes.describe(e) + ". Check the network, or set"
                    + " HF_HUB_OFFLINE=1 to use the cache at " + cache.cacheDir() + " only.", e);
        }
        try {
            Path blob = blobs.ensure(id, cache, metadata);
            linker.link(blob, target);
        } catch (IOException e) {
            throw new ModelResolutionException("Could not store " + file + " of " + id + " (from "
                    + metadata.downloadUrl() + ") in the cache at " + cache.repoDir() + ": " + Causes.describe(e)
                    + ". Check free space and permissions there.", e);
        }
        added.add(file);
    }
}
