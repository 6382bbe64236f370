package io.sparkinfer.engine.tokenizer;

import java.nio.file.Paths;

/** Run in a child JVM by {@link TokenizerNativeCacheTest}: loads a tokenizer and prints DJL's cache directory. */
public final class NativeCacheProbe {

    private NativeCacheProbe() {}

    public static void main(String[] args) {
        try (TextTokenizer tokenizer = TextTokenizer.load(Paths.get(args[0]))) {
            int[] ids = tokenizer.encode("probe");
            System.out.println("PROBE_OK ids=" + ids.length + " cache=" + TokenizerNativeCache.configure());
        }
    }
}
