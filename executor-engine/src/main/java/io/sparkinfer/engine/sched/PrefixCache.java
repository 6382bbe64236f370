package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.cache.CacheShape;
import io.sparkinfer.engine.cache.SequenceCache;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saved model states at the end of shared prompt prefixes, keyed by the prefix's token ids and the digest of the
 * prompt's images (one cache per model; an image prompt never shares a state with another image or with text), least recently used first out when the byte budget is full. A snapshot holds the
 * attention KV rows and the DeltaNet conv and recurrent states right after the prefix's last token.
 *
 * <p>While one sequence computes a prefix, others with the same prefix wait for it ({@link #isPending}) instead
 * of computing it again. Single-threaded: the scheduler owns it.
 */
final class PrefixCache implements AutoCloseable {
    /** A prefix's token ids, compared by value, and the SHA-256 of the prompt's images ("" for a text prompt). */
    record Key(int[] ids, String images) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ids, k.ids) && images.equals(k.images);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ids) + images.hashCode();
        }

        static Key of(int[] prompt, int length, String images) {
            return new Key(Arrays.copyOf(prompt, length), images);
        }
    }

    private final CacheShape shape;
    private final long capacityBytes;
    private final LinkedHashMap<Key, SequenceCache> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Key, Sequence> pending = new HashMap<>();
    private long bytes;
    private long evictions;

    PrefixCache(CacheShape shape, long capacityBytes) {
        this.shape = shape;
        this.capacityBytes = capacityBytes;
    }

    /** Whether a snapshot of a {@code tokens}-token prefix could be kept at all. */
    boolean fits(int tokens) {
        return capacityBytes > 0 && shape.bytesFor(tokens) <= capacityBytes;
    }

    /** The snapshot for {@code key} (fork it; do not advance it), or null. */
    SequenceCache lookup(Key key) {
        return entries.get(key);
    }

    boolean isPending(Key key) {
        return pending.containsKey(key);
    }

    void markPending(Key key, Sequence owner) {
        pending.put(key, owner);
    }

    /** Forgets a pending mark of {@code owner} (it stored the prefix, or ended before reaching it). */
    void release(Key key, Sequence owner) {
        pending.remove(key, owner);
    }

    boolean isOwner(Key key, Sequence s) {
        return pending.get(key) == s;
    }

    /** Saves a copy of {@code source}, which has just computed exactly {@code key}'s tokens, evicting as needed. */
    void store(Key key, SequenceCache source) {
        if (source.length() != key.ids().length) {
            throw new IllegalStateException("[BUG] a prefix snapshot of " + key.ids().length + " tokens taken from a"
                    + " cache at " + source.length());
        }
        long size = source.shape().bytesFor(key.ids().length);
        if (size > capacityBytes || entries.containsKey(key)) {
            return;
        }
        Iterator<Map.Entry<Key, SequenceCache>> oldest = entries.entrySet().iterator();
        while (bytes + size > capacityBytes && oldest.hasNext()) {
            SequenceCache evicted = oldest.next().getValue();
            bytes -= evicted.bytes();
            evicted.close();
            oldest.remove();
            evictions++;
        }
        SequenceCache copy = source.fork(key.ids().length);
        bytes += copy.bytes();
        entries.put(key, copy);
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    long evictions() {
        return evictions;
    }

    @Override
    public void close() {
        entries.values().forEach(SequenceCache::close);
        entries.clear();
        bytes = 0;
    }
}
