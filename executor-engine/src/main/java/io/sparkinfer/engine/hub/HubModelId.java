package io.sparkinfer.engine.hub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model on a Hugging Face hub: {@code org/name} at a revision (branch, tag or commit sha).
 *
 * @param repo     {@code org/name}, with the characters the hub allows
 * @param revision branch, tag or commit; {@value #DEFAULT_REVISION} when the spec names none
 */
public record HubModelId(String repo, String revision) {

    public static final String DEFAULT_REVISION = "main";

    // The hub's rule: word characters, '-' and '.', starting and ending with a word character, at most 96.
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?");
    // Git ref components (refs/pr/1 is a valid revision); none starts with '.', so '..' cannot escape refs/.
    private static final Pattern REVISION =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{40}");
    private static final String EXPECTED = "expected 'org/name' or 'org/name@revision', e.g. Qwen/Qwen3.5-0.8B,"
            + " where org and name use letters, digits, '_', '-' and '.'";

    public HubModelId {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(revision, "revision");
        String problem = repoProblem(repo);
        if (problem != null) {
            throw new IllegalArgumentException("'" + repo + "' is not a hub model id: " + problem + "; " + EXPECTED);
        }
        if (!REVISION.matcher(revision).matches() || revision.contains("..")) {
            throw new IllegalArgumentException("'" + revision + "' is not a valid revision of " + repo
                    + ": use a branch, tag or commit sha made of letters, digits, '_', '-', '.' and '/'");
        }
    }

    /** Parses {@code org/name} or {@code org/name@revision}; the message of the exception says what is wrong. */
    public static HubModelId parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        int at = text.indexOf('@');
        if (at < 0) {
            return new HubModelId(text, DEFAULT_REVISION);
        }
        String revision = text.substring(at + 1);
        if (revision.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' has an empty revision after '@'; " + EXPECTED);
        }
        return new HubModelId(text.substring(0, at), revision);
    }

    /** {@code models--org--name}: the repo's folder in the cache. */
    public String cacheFolderName() {
        return "models--" + repo.replace("/", "--");
    }

    /** True when the revision is a full commit sha rather than a branch or tag. */
    public boolean revisionIsCommitSha() {
        return isCommitSha(revision);
    }

    static boolean isCommitSha(String text) {
        return COMMIT_SHA.matcher(text).matches();
    }

    private static String repoProblem(String repo) {
        int slash = repo.indexOf('/');
        if (slash < 0) {
            return "it has no organisation part";
        }
        if (repo.indexOf('/', slash + 1) >= 0) {
            return "it has more than one '/'";
        }
        if (slash == 0 || slash == repo.length() - 1) {
            return "the organisation or the name is empty";
        }
        if (repo.contains("--") || repo.contains("..")) {
            return "'--' and '..' are not allowed";
        }
        boolean valid = PART.matcher(repo.substring(0, slash)).matches()
                && PART.matcher(repo.substring(slash + 1)).matches();
        return valid ? null : "it has characters the hub does not allow, or starts or ends with '-' or '.'";
    }

    @Override
    public String toString() {
        return repo + "@" + revision;
    }
}
