package io.sparkinfer.engine.sampling;

/** TEMPORARY stub until the sampling branch lands. */
public final class TokenHistory {
    private int generated;

    public TokenHistory(int[] promptIds) {
    }

    public void addGenerated(int id) {
        generated++;
    }

    public int generatedCount() {
        return generated;
    }
}
