package io.sparkinfer.engine.tokenizer;

/**
 * An assistant answer with its thinking taken out of the content, the way both Qwen templates do it when no
 * separate reasoning is given: the thinking is what precedes the first {@code </think>} (after any
 * {@code <think>}), the answer is what follows the last {@code </think>}.
 */
record ThinkingSplit(String reasoning, String answer) {

    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    /** Splits {@code content}; without a {@code </think>} the reasoning is empty and the answer is all of it. */
    static ThinkingSplit of(String content) {
        if (!content.contains(CLOSE)) {
            return new ThinkingSplit("", content);
        }
        String before = PythonText.rstrip(PythonText.beforeFirst(content, CLOSE), '\n');
        String reasoning = PythonText.lstrip(PythonText.afterLast(before, OPEN), '\n');
        String answer = PythonText.lstrip(PythonText.afterLast(content, CLOSE), '\n');
        return new ThinkingSplit(reasoning, answer);
    }
}
