package io.sparkinfer.engine.cache;

/** What one decoder layer remembers about one sequence between forward calls. */
public sealed interface LayerState extends AutoCloseable permits AttentionCache, DeltaNetState {

    @Override
    void close();
}
