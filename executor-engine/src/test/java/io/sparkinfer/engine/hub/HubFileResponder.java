package io.sparkinfer.engine.hub;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File bodies for {@link LocalHubServer}: HEAD, whole GET, Range GET, and the faults: connections dropped or
 * gone silent mid-body, corrupted bytes.
 */
final class HubFileResponder {

    private HubFileResponder() {
    }

    /** The storage ("CDN") side of an LFS file: honours {@code Range: bytes=N-} unless told to ignore it. */
    static void serveBytes(HttpExchange exchange, LocalHubServer server, String tail) throws IOException {
        Path path = server.cdnFile(tail);
        if (path == null) {
            LocalHubServer.error(exchange, 404, "EntryNotFound", "No such object");
            return;
        }
        sendFile(exchange, server, path.getFileName().toString(), path, Files.size(path));
    }

    /** Sends {@code path}; HEAD answers announce {@code announcedSize} as Content-Length. */
    static void sendFile(HttpExchange exchange, LocalHubServer server, String file, Path path, long announcedSize)
            throws IOException {
        long size = Files.size(path);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(announcedSize));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        long start = rangeStart(exchange.getRequestHeaders().getFirst("Range"));
        if (server.ignoresRange()) {
            start = 0;
        }
        if (start >= size && start > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        if (start > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (size - 1) + "/" + size);
        }
        exchange.sendResponseHeaders(start > 0 ? 206 : 200, size - start);
        long remaining = size - start;
        long cut = server.cutPoint(file);
        long stall = server.stallPoint(file);
        long toSend = Math.min(remaining, Math.min(cut >= 0 ? cut : remaining, stall >= 0 ? stall : remaining));
        OutputStream out = exchange.getResponseBody();
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(start);
            byte[] chunk = in.readNBytes((int) toSend);
            long middle = size / 2;
            if (server.corrupts(file) && middle >= start && middle < start + toSend) {
                chunk[(int) (middle - start)] ^= (byte) 0xff;
            }
            out.write(chunk);
            out.flush();
        }
        if (stall >= 0 && stall < remaining) {
            staySilentUntilTheServerCloses();
            throw new IOException("LocalHubServer: dropping a stalled connection after " + stall + " bytes of " + file);
        }
        if (cut >= 0 && cut < remaining) {
            pauseSoTheClientReadsWhatWasSent();
            throw new IOException("LocalHubServer: dropping the connection after " + cut + " bytes of " + file);
        }
    }

    private static long rangeStart(String range) {
        if (range == null) {
            return 0;
        }
        if (!range.startsWith("bytes=") || !range.endsWith("-")) {
            throw new IllegalArgumentException("LocalHubServer handles only 'bytes=N-' ranges, got " + range);
        }
        return Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
    }

    private static void staySilentUntilTheServerCloses() {
        try {
            Thread.sleep(120_000); // close() interrupts this thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pauseSoTheClientReadsWhatWasSent() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
