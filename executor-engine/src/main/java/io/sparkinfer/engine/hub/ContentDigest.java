package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a blob as it is written, continued across resumed downloads. */
final class ContentDigest {

    private static final int BUFFER_BYTES = 1 << 20;

    private ContentDigest() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("[BUG] every Java runtime must provide SHA-256", e);
        }
    }

    /** A digest that has already seen the first {@code bytes} bytes of {@code file}. */
    static MessageDigest ofPrefix(Path file, long bytes) throws IOException {
        MessageDigest digest = sha256();
        if (bytes == 0) {
            return digest;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (long left = bytes; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " ended after " + (bytes - left) + " of " + bytes + " bytes while"
                            + " hashing it; was it changed by another program?");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        }
        return digest;
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
