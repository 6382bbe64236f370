package io.sparkinfer.engine.weights;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Picks the names closest to a missing one, for "did you mean" hints in error messages. */
public final class SimilarNames {

    private SimilarNames() {}

    /** Up to {@code limit} names from {@code candidates} with the smallest edit distance to {@code wanted}. */
    public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        return candidates.stream()
                .map(name -> new Scored(name, editDistance(wanted, name)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(limit)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int distance) {}

    /** Levenshtein distance with two rolling rows. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
