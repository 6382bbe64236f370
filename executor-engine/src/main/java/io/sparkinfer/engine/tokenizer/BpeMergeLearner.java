package io.sparkinfer.engine.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns byte-level BPE merges greedily: repeatedly merge the most frequent adjacent pair of symbols across
 * the words (ties go to the lexicographically smallest pair, so the result is deterministic) until the
 * vocabulary reaches its target size.
 */
final class BpeMergeLearner {

    /** The learned vocabulary (token to id, ids dense from 0) and merges in rank order. */
    record Result(Map<String, Integer> vocab, List<String[]> merges) {}

    private record Pair(String left, String right) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair other) {
            int byLeft = left.compareTo(other.left);
            return byLeft != 0 ? byLeft : right.compareTo(other.right);
        }
    }

    private BpeMergeLearner() {}

    /**
     * @param words each distinct word as byte-level symbols, with its count
     * @param targetSize number of vocabulary entries wanted, the 256 byte symbols included
     * @throws IllegalArgumentException when the words run out of pairs before the target is reached
     */
    static Result learn(Map<List<String>, Integer> words, int targetSize) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String symbol : ByteLevelAlphabet.symbolsInVocabOrder()) {
            vocab.put(symbol, vocab.size());
        }
        List<List<String>> pieces = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        words.forEach((symbols, count) -> {
            pieces.add(new ArrayList<>(symbols));
            counts.add(count);
        });
        List<String[]> merges = new ArrayList<>();
        while (vocab.size() < targetSize) {
            Pair best = mostFrequentPair(pieces, counts);
            if (best == null) {
                throw new IllegalArgumentException("The sample text supports at most " + vocab.size()
                        + " BPE tokens, fewer than the " + targetSize + " asked for.");
            }
            String merged = best.left() + best.right();
            merges.add(new String[] {best.left(), best.right()});
            vocab.putIfAbsent(merged, vocab.size());
            for (List<String> piece : pieces) {
                applyMerge(piece, best, merged);
            }
        }
        return new Result(vocab, merges);
    }

    private static Pair mostFrequentPair(List<List<String>> pieces, List<Integer> counts) {
        Map<Pair, Long> pairCounts = new HashMap<>();
        for (int w = 0; w < pieces.size(); w++) {
            List<String> piece = pieces.get(w);
            for (int i = 0; i + 1 < piece.size(); i++) {
                pairCounts.merge(new Pair(piece.get(i), piece.get(i + 1)), (long) counts.get(w), Long::sum);
            }
        }
        Pair best = null;
        long bestCount = 0;
        for (Map.Entry<Pair, Long> entry : pairCounts.entrySet()) {
            long count = entry.getValue();
            if (count > bestCount || (count == bestCount && entry.getKey().compareTo(best) < 0)) {
                best = entry.getKey();
                bestCount = count;
            }
        }
        return best;
    }

    /** Replaces each non-overlapping occurrence of the pair, left to right, as BPE encoding does. */
    private static void applyMerge(List<String> piece, Pair pair, String merged) {
        for (int i = 0; i + 1 < piece.size(); i++) {
            if (piece.get(i).equals(pair.left()) && piece.get(i + 1).equals(pair.right())) {
                piece.set(i, merged);
                piece.remove(i + 1);
            }
        }
    }
}
