package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Where and how hub models are fetched, read from the environment variables huggingface_hub reads, so that
 * sparkinfer and Python tools share one cache and one login.
 *
 * @param cacheDir the hub cache, holding {@code models--org--name} folders (absolute)
 * @param endpoint the hub's base URL, without a trailing slash
 * @param token    access token sent as {@code Authorization: Bearer ...}, or null; never printed
 * @param offline  true: never contact the endpoint, use the cache only
 */
public record HubSettings(Path cacheDir, URI endpoint, String token, boolean offline) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private static final Set<String> TRUE_VALUES = Set.of("1", "true", "yes", "on");

    public HubSettings {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(endpoint, "endpoint");
        cacheDir = cacheDir.toAbsolutePath().normalize();
        endpoint = checkedEndpoint(endpoint);
        token = token == null || token.isBlank() ? null : token.strip();
    }

    /** Settings from this process's environment variables and system properties. */
    public static HubSettings fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /**
     * Settings from the given environment (tests inject their own): cache {@code $HF_HUB_CACHE}, else
     * {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub};
     * endpoint {@code $HF_ENDPOINT}; token {@code $HF_TOKEN}, else the file {@code $HF_TOKEN_PATH} or
     * {@code $HF_HOME/token} that {@code huggingface-cli login} writes; offline when {@code HF_HUB_OFFLINE}
     * is 1/true/yes/on. Legacy names huggingface_hub still honours are read as fallbacks.
     */
    public static HubSettings from(Map<String, String> env, Properties systemProperties) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Path home = Path.of(systemProperties.getProperty("user.home", "."));
        Path hfHome = hfHome(env, home);
        String cache = firstSet(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");
        Path cacheDir = cache != null ? expandHome(cache, home) : hfHome.resolve("hub");
        String endpoint = firstSet(env, "HF_ENDPOINT");
        URI endpointUri;
        try {
            endpointUri = endpoint == null ? DEFAULT_ENDPOINT : URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HF_ENDPOINT='" + endpoint + "' is not a URL: " + e.getMessage()
                    + ". Set it to the hub's base URL, e.g. https://huggingface.co, or unset it.", e);
        }
        String offline = firstSet(env, "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE");
        return new HubSettings(cacheDir, endpointUri, token(env, hfHome, home), isTrue(offline));
    }

    private static Path hfHome(Map<String, String> env, Path home) {
        String hfHome = firstSet(env, "HF_HOME");
        if (hfHome != null) {
            return expandHome(hfHome, home);
        }
        String xdg = firstSet(env, "XDG_CACHE_HOME");
        Path cacheRoot = xdg != null ? expandHome(xdg, home) : home.resolve(".cache");
        return cacheRoot.resolve("huggingface");
    }

    private static String token(Map<String, String> env, Path hfHome, Path home) {
        String token = firstSet(env, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
        if (token != null) {
            return token;
        }
        String tokenPath = firstSet(env, "HF_TOKEN_PATH");
        Path file = tokenPath != null ? expandHome(tokenPath, home) : hfHome.resolve("token");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the hub token file " + file + ": " + e
                    + ". Fix its permissions, set HF_TOKEN instead, or remove the file.", e);
        }
    }

    private static URI checkedEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
                || endpoint.getQuery() != null || endpoint.getFragment() != null) {
            throw new IllegalArgumentException("Hub endpoint '" + endpoint + "' is not an http(s) base URL."
                    + " Set HF_ENDPOINT to one like https://huggingface.co, or unset it.");
        }
        String text = endpoint.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static Path expandHome(String path, Path home) {
        String p = path.strip();
        if (p.equals("~")) {
            return home;
        }
        return p.startsWith("~/") ? home.resolve(p.substring(2)) : Path.of(p);
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Says whether a token is set, never the token itself. */
    @Override
    public String toString() {
        return "HubSettings[cacheDir=" + cacheDir + ", endpoint=" + endpoint
                + ", token=" + (token == null ? "<none>" : "<set>") + ", offline=" + offline + "]";
    }
}
