package io.sparkinfer.engine.hub;

import java.net.URI;
import java.net.http.HttpResponse;

/** Turns a hub's refusal (4xx) into a message that says what to do. */
final class HubHttpErrors {

    private HubHttpErrors() {
    }

    /**
     * @param file the file asked for, or null when the revision itself was asked for
     */
    static ModelResolutionException forStatus(HttpResponse<?> response, URI url, HubModelId id, String file,
            boolean tokenSet) {
        int status = response.statusCode();
        // The hub explains refusals in X-Error-Message (e.g. "Access to model X is restricted").
        String hubSays = response.headers().firstValue("X-Error-Message").map(m -> " (the hub says: " + m + ")")
                .orElse("");
        String asked = "HTTP " + status + " from " + url + hubSays;
        if (status == 401 || status == 403) {
            String fix = tokenSet
                    ? "The token in HF_TOKEN has no access to it: accept the model's terms on its hub page with the"
                            + " token's account, or use a token with read access to this repo."
                    : "Set HF_TOKEN to an access token with read access (and accept the model's terms on its hub"
                            + " page first). The hub also answers this way for repos that do not exist.";
            return new ModelResolutionException("Cannot download " + id + ": gated or private repo: set HF_TOKEN. "
                    + asked + ". " + fix);
        }
        if (status == 404) {
            if (file != null) {
                return new ModelResolutionException("Cannot download " + id + ": the hub lists " + file
                        + " but has no such file (" + asked + "). Try again; if it persists, pin another revision.");
            }
            return new ModelResolutionException("Cannot download " + id + ": no such model or revision (" + asked
                    + "). Check the org/name spelling (it is case-sensitive) and the revision after '@'"
                    + " (a branch, tag or commit sha; the default is main).");
        }
        return new ModelResolutionException("Cannot download " + id + (file == null ? "" : " file " + file)
                + ": unexpected " + asked + ". Check HF_ENDPOINT and the model id.");
    }
}
