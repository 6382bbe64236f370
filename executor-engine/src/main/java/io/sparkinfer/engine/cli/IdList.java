package io.sparkinfer.engine.cli;

/** Token ids given on the command line as "1,2,3" (spaces allowed). */
final class IdList {
    private IdList() {
    }

    static int[] parse(String option, String text) {
        String[] parts = text.trim().split("[,\\s]+");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + option + " wants comma-separated token ids like 1,2,3; '" + parts[i]
                        + "' is not one");
            }
            if (ids[i] < 0) {
                throw new UsageException("--" + option + " has a negative token id: " + ids[i]);
            }
        }
        return ids;
    }

    /** Checks every id is a row of the model's vocabulary, naming the first that is not. */
    static void checkVocabulary(String option, int[] ids, int vocabSize) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= vocabSize) {
                throw new UsageException("--" + option + " id " + ids[i] + " at position " + i
                        + " is outside the model's vocabulary of " + vocabSize);
            }
        }
    }
}
