package io.sparkinfer.engine.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the hub's model API says about one revision.
 *
 * @param sha      the commit the revision points at
 * @param siblings every file in the repo at that commit, as paths relative to the repo root
 */
record RevisionInfo(String sha, List<String> siblings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    RevisionInfo {
        Objects.requireNonNull(sha, "sha");
        if (!HubModelId.isCommitSha(sha)) {
            throw new IllegalArgumentException("commit sha must be 40 lowercase hex digits, got '" + sha + "'");
        }
        siblings = List.copyOf(siblings);
    }

    /** Parses {@code GET /api/models/{repo}/revision/{revision}}'s answer, fetched from {@code url}. */
    static RevisionInfo parse(String body, URI url) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw notRevisionInfo(url, "it is not JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode sha = root == null ? null : root.get("sha");
        if (sha == null || !sha.isTextual() || !HubModelId.isCommitSha(sha.asText())) {
            throw notRevisionInfo(url, "'sha' is missing or not a 40-digit commit sha");
        }
        JsonNode siblings = root.get("siblings");
        if (siblings == null || !siblings.isArray()) {
            throw notRevisionInfo(url, "'siblings' is missing");
        }
        List<String> files = new ArrayList<>();
        for (JsonNode sibling : siblings) {
            JsonNode name = sibling.get("rfilename");
            if (name == null || !name.isTextual()) {
                throw notRevisionInfo(url, "a sibling has no 'rfilename'");
            }
            files.add(name.asText());
        }
        return new RevisionInfo(sha.asText(), files);
    }

    private static ModelResolutionException notRevisionInfo(URI url, String why) {
        return new ModelResolutionException("The hub answer from " + url + " is not a model revision: " + why
                + ". Check that HF_ENDPOINT points at a Hugging Face hub (or a mirror of its API).");
    }
}
