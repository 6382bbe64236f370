package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Qwen3's hybrid-thinking ChatML template (April 2025 revision, shipped in Qwen3's tokenizer_config.json),
 * rule for rule. Content is text only and is not trimmed; a system message after the first is rendered as an
 * ordinary turn; no think block is opened by the generation prompt unless thinking is switched off.
 */
final class Qwen3ChatRenderer {

    private static final String TOOLS_HEADER = "# Tools\n\nYou may call one or more functions to assist with the"
            + " user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
    private static final String TOOLS_FOOTER = "\n</tools>\n\nFor each function call, return a json object with"
            + " function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\":"
            + " <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n";

    private Qwen3ChatRenderer() {}

    static String render(List<ChatMessage> messages, ChatOptions options) {
        String[] texts = new String[messages.size()];
        for (int i = 0; i < texts.length; i++) {
            if (messages.get(i).hasImage()) {
                throw new IllegalArgumentException("Message " + i + " (" + messages.get(i).role().wireName()
                        + ") has an image, but Qwen3's chat template renders text only. Use the Qwen3.5 template"
                        + " (ChatTemplate.qwen35()) for a vision model.");
            }
            texts[i] = messages.get(i).text();
        }
        StringBuilder out = new StringBuilder();
        boolean systemFirst = messages.get(0).role() == ChatRole.SYSTEM;
        if (!options.tools().isEmpty()) {
            out.append("<|im_start|>system\n");
            if (systemFirst) {
                out.append(texts[0]).append("\n\n");
            }
            out.append(TOOLS_HEADER);
            for (JsonNode tool : options.tools()) {
                out.append('\n').append(PythonJson.dumps(tool));
            }
            out.append(TOOLS_FOOTER);
        } else if (systemFirst) {
            out.append("<|im_start|>system\n").append(texts[0]).append("<|im_end|>\n");
        }
        int lastQuery = lastQueryIndex(messages, texts);
        for (int i = 0; i < texts.length; i++) {
            ChatMessage message = messages.get(i);
            switch (message.role()) {
                case USER -> out.append("<|im_start|>user\n").append(texts[i]).append("<|im_end|>\n");
                case SYSTEM -> {
                    if (i > 0) {
                        out.append("<|im_start|>system\n").append(texts[i]).append("<|im_end|>\n");
                    }
                }
                case ASSISTANT -> appendAssistant(out, message, texts[i], i > lastQuery, i == texts.length - 1);
                case TOOL -> {
                    if (i == 0 || messages.get(i - 1).role() != ChatRole.TOOL) {
                        out.append("<|im_start|>user");
                    }
                    out.append("\n<tool_response>\n").append(texts[i]).append("\n</tool_response>");
                    if (i == texts.length - 1 || messages.get(i + 1).role() != ChatRole.TOOL) {
                        out.append("<|im_end|>\n");
                    }
                }
            }
        }
        if (options.addGenerationPrompt()) {
            out.append("<|im_start|>assistant\n");
            if (!options.enableThinking()) {
                out.append("<think>\n\n</think>\n\n");
            }
        }
        return out.toString();
    }

    /** The last user turn that is not just a wrapped tool response; the last message when there is none. */
    private static int lastQueryIndex(List<ChatMessage> messages, String[] texts) {
        for (int i = texts.length - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatRole.USER && !isToolResponse(texts[i])) {
                return i;
            }
        }
        return texts.length - 1;
    }

    static boolean isToolResponse(String text) {
        return text.startsWith("<tool_response>") && text.endsWith("</tool_response>");
    }

    private static void appendAssistant(StringBuilder out, ChatMessage message, String text, boolean afterLastQuery,
                                        boolean last) {
        String content = text;
        String reasoning = "";
        if (message.reasoningContent() != null) {
            reasoning = message.reasoningContent();
        } else {
            ThinkingSplit split = ThinkingSplit.of(text);
            content = split.answer();
            reasoning = split.reasoning();
        }
        out.append("<|im_start|>assistant\n");
        if (afterLastQuery && (last || !reasoning.isEmpty())) {
            out.append("<think>\n").append(PythonText.strip(reasoning, '\n')).append("\n</think>\n\n")
                    .append(PythonText.lstrip(content, '\n'));
        } else {
            out.append(content);
        }
        List<ToolCall> calls = message.toolCalls();
        for (int j = 0; j < calls.size(); j++) {
            if (j > 0 || !content.isEmpty()) {
                out.append('\n');
            }
            ToolCall call = calls.get(j);
            JsonNode arguments = call.arguments();
            out.append("<tool_call>\n{\"name\": \"").append(call.name()).append("\", \"arguments\": ")
                    .append(arguments.isTextual() ? arguments.asText() : PythonJson.dumps(arguments))
                    .append("}\n</tool_call>");
        }
        out.append("<|im_end|>\n");
    }
}
