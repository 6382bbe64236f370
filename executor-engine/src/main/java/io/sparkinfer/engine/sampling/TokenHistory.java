package io.sparkinfer.engine.sampling;

import java.util.BitSet;

/** Which token ids a sequence has seen, for the penalties: its prompt and what it generated. */
public final class TokenHistory {
    private final BitSet seen = new BitSet();
    private final BitSet generatedIds = new BitSet();
    private int generatedCount;

    public TokenHistory(int[] promptIds) {
        for (int id : promptIds) {
            seen.set(id);
        }
    }

    public void addGenerated(int id) {
        seen.set(id);
        generatedIds.set(id);
        generatedCount++;
    }

    public boolean inPromptOrGenerated(int id) {
        return seen.get(id);
    }

    public boolean inGenerated(int id) {
        return generatedIds.get(id);
    }

    public int generatedCount() {
        return generatedCount;
    }

    BitSet seen() {
        return seen;
    }

    BitSet generated() {
        return generatedIds;
    }
}
