package io.sparkinfer.engine.sched;

/**
 * Limits of one engine.
 *
 * @param maxBatchTokens     tokens per forward step (decode tokens plus prefill chunks); a step may exceed it by
 *                           one chunk so that a prompt always makes progress
 * @param maxRunning         sequences in flight at once
 * @param prefillChunk       a prompt is computed in pieces of at most this many tokens, cut at multiples of it (and
 *                           at the shared-prefix end) whatever else runs: so a request's numbers never depend on
 *                           the batch. A multiple of 64 (the DeltaNet chunk)
 * @param cacheBudgetBytes   bytes of sequence caches (attention KV rows plus DeltaNet states) in flight; requests
 *                           wait rather than overcommit
 * @param prefixCacheBytes   bytes of saved shared-prefix states (0 disables prefix caching)
 * @param minPrefixTokens    shorter shared prefixes are not cached
 * @param maxNewTokensCap    no request generates more, whatever it asks
 * @param maxWallMillis      no request runs longer from submission (0 = no limit); a request's own timeout may be
 *                           shorter
 */
public record EngineOptions(int maxBatchTokens, int maxRunning, int prefillChunk, long cacheBudgetBytes,
        long prefixCacheBytes, int minPrefixTokens, int maxNewTokensCap, long maxWallMillis) {

    public EngineOptions {
        require(maxBatchTokens >= 1, "maxBatchTokens must be >= 1, got " + maxBatchTokens);
        require(maxRunning >= 1, "maxRunning must be >= 1, got " + maxRunning);
        require(prefillChunk >= 64 && prefillChunk % 64 == 0,
                "prefillChunk must be a positive multiple of 64 (the DeltaNet chunk), got " + prefillChunk);
        require(cacheBudgetBytes > 0, "cacheBudgetBytes must be > 0, got " + cacheBudgetBytes);
        require(prefixCacheBytes >= 0, "prefixCacheBytes must be >= 0, got " + prefixCacheBytes);
        require(minPrefixTokens >= 1, "minPrefixTokens must be >= 1, got " + minPrefixTokens);
        require(maxNewTokensCap >= 1, "maxNewTokensCap must be >= 1, got " + maxNewTokensCap);
        require(maxWallMillis >= 0, "maxWallMillis must be >= 0 (0 = no limit), got " + maxWallMillis);
    }

    /**
     * 512 tokens per step, 64 sequences, chunks of 256, a quarter of the JVM's heap (at most 8 GiB) for caches
     * and a quarter of that for prefixes, prefixes from 16 tokens, at most 4,096 new tokens, no wall-time limit.
     */
    public static EngineOptions defaults() {
        long cache = Math.min(8L << 30, Runtime.getRuntime().maxMemory() / 4);
        return new EngineOptions(512, 64, 256, cache, cache / 4, 16, 4096, 0);
    }

    public EngineOptions withMaxBatchTokens(int n) {
        return new EngineOptions(n, maxRunning, prefillChunk, cacheBudgetBytes, prefixCacheBytes, minPrefixTokens,
                maxNewTokensCap, maxWallMillis);
    }

    public EngineOptions withMaxRunning(int n) {
        return new EngineOptions(maxBatchTokens, n, prefillChunk, cacheBudgetBytes, prefixCacheBytes, minPrefixTokens,
                maxNewTokensCap, maxWallMillis);
    }

    public EngineOptions withPrefillChunk(int n) {
        return new EngineOptions(maxBatchTokens, maxRunning, n, cacheBudgetBytes, prefixCacheBytes, minPrefixTokens,
                maxNewTokensCap, maxWallMillis);
    }

    public EngineOptions withCacheBudgetBytes(long bytes) {
        return new EngineOptions(maxBatchTokens, maxRunning, prefillChunk, bytes, prefixCacheBytes, minPrefixTokens,
                maxNewTokensCap, maxWallMillis);
    }

    public EngineOptions withPrefixCacheBytes(long bytes) {
        return new EngineOptions(maxBatchTokens, maxRunning, prefillChunk, cacheBudgetBytes, bytes, minPrefixTokens,
                maxNewTokensCap, maxWallMillis);
    }

    public EngineOptions withMaxWallMillis(long millis) {
        return new EngineOptions(maxBatchTokens, maxRunning, prefillChunk, cacheBudgetBytes, prefixCacheBytes,
                minPrefixTokens, maxNewTokensCap, millis);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("engine option " + message);
        }
    }
}
