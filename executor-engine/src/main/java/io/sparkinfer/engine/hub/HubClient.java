package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The three hub requests: a revision's file list, a file's metadata, and a file's bytes. */
final class HubClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Time until response headers arrive; a large body may take as long as it needs after that.
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 10;
    private static final String USER_AGENT = "sparkinfer/0.1 (java; hub-resolver)";

    private final HubSettings settings;
    private final HttpClient http;

    HubClient(HubSettings settings) {
        this.settings = settings;
        // Redirects are followed by hand: the token must not travel to other hosts (the LFS CDN), and the
        // hub's own redirect carries the X-Linked-* headers the cache layout needs.
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI revisionUrl(HubModelId id) {
        return URI.create(settings.endpoint() + "/api/models/" + id.repo() + "/revision/" + encode(id.revision()));
    }

    URI resolveUrl(HubModelId id, String sha, String file) {
        return URI.create(settings.endpoint() + "/" + id.repo() + "/resolve/" + sha + "/" + encode(file));
    }

    /** The revision's commit and files; {@link EndpointUnreachableException} when the hub cannot answer. */
    RevisionInfo fetchRevision(HubModelId id) throws EndpointUnreachableException {
        URI url = revisionUrl(id);
        HttpResponse<String> response;
        try {
            response = send("GET", url, 0, BodyHandlers.ofString(), true);
        } catch (IOException e) {
            String reason = e instanceof ConnectException ? "cannot connect (" + Causes.describe(e) + ")"
                    : Causes.describe(e);
            throw new EndpointUnreachableException(url, reason, e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return RevisionInfo.parse(response.body(), url);
        }
        if (status == 429 || status >= 500) {
            throw new EndpointUnreachableException(url, "HTTP " + status, null);
        }
        throw HubHttpErrors.forStatus(response, url, id, null, settings.token() != null);
    }

    /**
     * {@code HEAD} of a resolve URL. Like huggingface_hub, follows only relative redirects (renamed repos),
     * and reads etag and size from the hub's answer, preferring {@code X-Linked-*} over the redirect to LFS.
     */
    FileMetadata fileMetadata(HubModelId id, String sha, String file) throws IOException {
        URI url = resolveUrl(id, sha, file);
        HttpResponse<Void> response = send("HEAD", url, 0, BodyHandlers.discarding(), false);
        int status = response.statusCode();
        if (status >= 400) {
            if (status == 429 || status >= 500) {
                throw new IOException("HEAD " + url + " answered HTTP " + status);
            }
            throw HubHttpErrors.forStatus(response, url, id, file, settings.token() != null);
        }
        String etag = header(response, "X-Linked-Etag").or(() -> header(response, "ETag"))
                .map(FileMetadata::normalizeEtag)
                .orElseThrow(() -> missingHeader(url, "ETag"));
        String size = header(response, "X-Linked-Size").or(() -> header(response, "Content-Length"))
                .orElseThrow(() -> missingHeader(url, "X-Linked-Size or Content-Length"));
        URI download = isRedirect(status) ? redirectTarget(response, response.uri()).orElse(url) : response.uri();
        try {
            return new FileMetadata(file, etag, Long.parseLong(size.strip()), url, download);
        } catch (NumberFormatException e) {
            throw new ModelResolutionException("The hub announced size '" + size + "' for " + url + ", not a number.");
        }
    }

    /**
     * {@code GET} of a file's bytes from {@code offset} on (a {@code Range} request when above 0), following
     * every redirect. The caller closes the body. Answers other than 200, 206 and 416 are thrown.
     */
    HttpResponse<InputStream> openDownload(HubModelId id, FileMetadata file, long offset) throws IOException {
        HttpResponse<InputStream> response =
                send("GET", file.downloadUrl(), offset, BodyHandlers.ofInputStream(), true);
        int status = response.statusCode();
        if (status == 200 || status == 206 || status == 416) {
            return response;
        }
        response.body().close();
        if (status == 429 || status >= 500) {
            throw new IOException("GET " + response.uri() + " answered HTTP " + status);
        }
        throw HubHttpErrors.forStatus(response, response.uri(), id, file.file(), settings.token() != null);
    }

    private <T> HttpResponse<T> send(String method, URI url, long rangeStart, BodyHandler<T> handler,
            boolean followAbsolute) throws IOException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .timeout(HEADERS_TIMEOUT)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("User-Agent", USER_AGENT);
            if (rangeStart > 0) {
                request.header("Range", "bytes=" + rangeStart + "-");
            }
            if (settings.token() != null && sameOrigin(current, settings.endpoint())) {
                request.header("Authorization", "Bearer " + settings.token());
            }
            HttpResponse<T> response = sendInterruptibly(request.build(), handler);
            Optional<URI> next =
                    isRedirect(response.statusCode()) ? redirectTarget(response, current) : Optional.empty();
            if (next.isEmpty() || !(followAbsolute || isRelativeLocation(response))) {
                return response;
            }
            if (response.body() instanceof InputStream body) {
                body.close();
            }
            if (hop == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + url);
            }
            current = next.get();
        }
    }

    private <T> HttpResponse<T> sendInterruptibly(HttpRequest request, BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelResolutionException("Interrupted while waiting for " + request.uri(), e);
        }
    }

    private static Optional<URI> redirectTarget(HttpResponse<?> response, URI from) throws IOException {
        Optional<String> location = header(response, "Location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(from.resolve(location.get().strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException("redirect from " + from + " to an invalid location: " + e.getMessage(), e);
        }
    }

    private static boolean isRelativeLocation(HttpResponse<?> response) {
        return header(response, "Location").map(l -> !URI.create(l.strip()).isAbsolute()).orElse(false);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).filter(v -> !v.isBlank());
    }

    private static ModelResolutionException missingHeader(URI url, String name) {
        return new ModelResolutionException("The hub answer for " + url + " has no " + name + " header, so the file"
                + " cannot be placed in the cache. Check that HF_ENDPOINT points at a Hugging Face hub.");
    }

    /** Percent-encodes one path segment ('/' included, as huggingface_hub quotes revisions). */
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
