package io.sparkinfer.engine.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Hugging Face hub on 127.0.0.1 serving folders under fake repo ids, in the hub's URL scheme:
 * {@code GET /api/models/{repo}/revision/{rev}} (JSON with sha and siblings), {@code HEAD|GET
 * /{repo}/resolve/{rev}/{file}} (small files directly with an ETag; .safetensors as "LFS" files via a 302
 * carrying X-Linked-Etag and X-Linked-Size to {@code /cdn/...}, which honours Range requests). Faults to
 * test against: cutting a file's connection after N bytes, going silent mid-body, serving corrupted bytes,
 * announcing a wrong size, ignoring Range, requiring a token.
 */
final class LocalHubServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String method, String path, String range, String authorization) {
    }

    private record Repo(String id, String sha, Path dir, List<String> files) {
    }

    private final HttpServer server;
    // Room for a few stalled bodies, each holding a thread until close().
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Long> cutOnceAfter = new ConcurrentHashMap<>();
    private final Map<String, Long> cutAlwaysAfter = new ConcurrentHashMap<>();
    private final Map<String, Long> stallOnceAfter = new ConcurrentHashMap<>();
    private final Map<String, Long> stallAlwaysAfter = new ConcurrentHashMap<>();
    private final Map<String, Long> sizeLies = new ConcurrentHashMap<>();
    private final Set<String> corrupted = ConcurrentHashMap.newKeySet();
    private volatile boolean ignoreRange;
    private volatile String requiredToken;
    private volatile URI storage;

    private LocalHubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static LocalHubServer start() throws IOException {
        return new LocalHubServer();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves every file under {@code dir} as repo {@code repoId} at revision main; returns the commit sha. */
    String addRepo(String repoId, Path dir) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
        String sha = hex("SHA-1", (repoId + files).getBytes(StandardCharsets.UTF_8));
        repos.put(repoId, new Repo(repoId, sha, dir, files));
        return sha;
    }

    /** The Range header of every download (GET under /cdn/) of {@code file}, in order; null where none was sent. */
    List<String> downloadRanges(String file) {
        return requests().stream()
                .filter(s -> s.method().equals("GET") && s.path().startsWith("/cdn/") && s.path().endsWith(file))
                .map(Seen::range).toList();
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    void clearRequests() {
        seen.clear();
    }

    /** The next download of {@code file} sends {@code bytes} bytes, then drops the connection. */
    void cutOnceAfter(String file, long bytes) {
        cutOnceAfter.put(file, bytes);
    }

    /** Every download of {@code file} sends at most {@code bytes} bytes, then drops the connection. */
    void cutAlwaysAfter(String file, long bytes) {
        cutAlwaysAfter.put(file, bytes);
    }

    /** The next download of {@code file} sends {@code bytes} bytes, then sends nothing until the server closes. */
    void stallOnceAfter(String file, long bytes) {
        stallOnceAfter.put(file, bytes);
    }

    /** Every download of {@code file} sends at most {@code bytes} bytes, then nothing until the server closes. */
    void stallAlwaysAfter(String file, long bytes) {
        stallAlwaysAfter.put(file, bytes);
    }

    /** Downloads of {@code file} flip all bits of its middle byte (size and etag stay those of the real file). */
    void corrupt(String file, boolean corrupt) {
        if (corrupt) {
            corrupted.add(file);
        } else {
            corrupted.remove(file);
        }
    }

    /** Announces {@code file}'s size as its real size plus {@code delta}. */
    void lieAboutSize(String file, long delta) {
        sizeLies.put(file, delta);
    }

    void ignoreRange(boolean ignore) {
        ignoreRange = ignore;
    }

    void requireToken(String token) {
        requiredToken = token;
    }

    /** Redirects LFS downloads to another server's {@code /cdn/} (another origin, as the real CDN is). */
    void redirectLfsTo(URI storageEndpoint) {
        storage = storageEndpoint;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Headers in = exchange.getRequestHeaders();
        String rawPath = exchange.getRequestURI().getRawPath();
        seen.add(new Seen(exchange.getRequestMethod(), rawPath, in.getFirst("Range"), in.getFirst("Authorization")));
        String token = requiredToken;
        boolean authorized = ("Bearer " + token).equals(in.getFirst("Authorization"));
        if (token != null && !rawPath.startsWith("/cdn/") && !authorized) {
            error(exchange, 401, "GatedRepo", "Access to this model is restricted.");
        } else if (rawPath.startsWith("/api/models/")) {
            revisionInfo(exchange, rawPath.substring("/api/models/".length()));
        } else if (rawPath.startsWith("/cdn/")) {
            // May throw to drop the connection mid-body: the server then closes it without finishing.
            HubFileResponder.serveBytes(exchange, this, rawPath.substring("/cdn/".length()));
        } else if (rawPath.contains("/resolve/")) {
            resolve(exchange, rawPath.substring(1));
        } else {
            error(exchange, 404, "EntryNotFound", "No route for " + rawPath);
        }
        exchange.close();
    }

    private void revisionInfo(HttpExchange exchange, String tail) throws IOException {
        int at = tail.indexOf("/revision/");
        Repo repo = at < 0 ? null : repos.get(tail.substring(0, at));
        if (repo == null) {
            error(exchange, 404, "RepoNotFound", "Repository not found");
            return;
        }
        String revision = decode(tail.substring(at + "/revision/".length()));
        if (!revision.equals("main") && !revision.equals(repo.sha())) {
            error(exchange, 404, "RevisionNotFound", "Invalid rev id: " + revision);
            return;
        }
        String siblings = repo.files().stream().map(f -> "{\"rfilename\":\"" + f + "\"}")
                .collect(Collectors.joining(","));
        byte[] json = ("{\"id\":\"" + repo.id() + "\",\"sha\":\"" + repo.sha() + "\",\"siblings\":[" + siblings + "]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        exchange.getResponseBody().write(json);
    }

    /** {@code org/name/resolve/rev/file}. */
    private void resolve(HttpExchange exchange, String tail) throws IOException {
        int at = tail.indexOf("/resolve/");
        Repo repo = repos.get(tail.substring(0, at));
        String rest = tail.substring(at + "/resolve/".length());
        int slash = rest.indexOf('/');
        String file = slash < 0 ? "" : decode(rest.substring(slash + 1));
        if (repo == null || slash < 0 || !rest.substring(0, slash).equals(repo.sha()) || !repo.files().contains(file)) {
            error(exchange, 404, "EntryNotFound", "Entry not found");
            return;
        }
        Path path = repo.dir().resolve(file);
        long announced = Files.size(path) + sizeLies.getOrDefault(file, 0L);
        Headers out = exchange.getResponseHeaders();
        out.set("X-Repo-Commit", repo.sha());
        if (file.endsWith(".safetensors")) {
            // LFS: the hub redirects to storage and names the content by its sha256 in X-Linked-Etag.
            out.set("X-Linked-Etag", "\"" + hex("SHA-256", Files.readAllBytes(path)) + "\"");
            out.set("X-Linked-Size", Long.toString(announced));
            out.set("ETag", "\"" + hex("SHA-1", ("lfs-pointer " + file).getBytes(StandardCharsets.UTF_8)) + "\"");
            URI cdn = storage != null ? storage : endpoint();
            out.set("Location", cdn + "/cdn/" + repo.id() + "/" + file);
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        out.set("ETag", "W/\"" + hex("SHA-1", Files.readAllBytes(path)) + "\"");
        HubFileResponder.sendFile(exchange, this, file, path, announced);
    }

    Path cdnFile(String tail) {
        int slash = tail.indexOf('/', tail.indexOf('/') + 1);
        Repo repo = slash < 0 ? null : repos.get(tail.substring(0, slash));
        String file = slash < 0 ? "" : decode(tail.substring(slash + 1));
        return repo == null || !repo.files().contains(file) ? null : repo.dir().resolve(file);
    }

    boolean ignoresRange() {
        return ignoreRange;
    }

    /** Bytes to send before dropping the connection for this download of {@code file}, or -1. */
    long cutPoint(String file) {
        Long once = cutOnceAfter.remove(file);
        return once != null ? once : cutAlwaysAfter.getOrDefault(file, -1L);
    }

    /** Bytes to send before going silent for this download of {@code file}, or -1. */
    long stallPoint(String file) {
        Long once = stallOnceAfter.remove(file);
        return once != null ? once : stallAlwaysAfter.getOrDefault(file, -1L);
    }

    boolean corrupts(String file) {
        return corrupted.contains(file);
    }

    static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-Error-Code", code);
        exchange.getResponseHeaders().set("X-Error-Message", message);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
