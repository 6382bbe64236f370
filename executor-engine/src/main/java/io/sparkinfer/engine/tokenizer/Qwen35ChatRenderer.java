package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Qwen3.5's ChatML template, rule for rule: content items rendered in order (an image becomes
 * {@code <|vision_start|><|image_pad|><|vision_end|>}) and the whole content trimmed; system only first and
 * without images; assistant turns after the last user query keep their thinking; the generation prompt opens
 * a think block, an empty closed one when thinking is off; tools and tool calls in the XML format.
 */
final class Qwen35ChatRenderer {

    static final String IMAGE_PLACEHOLDER = "<|vision_start|><|image_pad|><|vision_end|>";

    private static final String TOOLS_HEADER = "<|im_start|>system\n# Tools\n\nYou have access to the following"
            + " functions:\n\n<tools>";
    private static final String TOOLS_FOOTER = "\n</tools>\n\nIf you choose to call a function ONLY reply in the"
            + " following format with NO suffix:\n\n<tool_call>\n<function=example_function_name>\n"
            + "<parameter=example_parameter_1>\nvalue_1\n</parameter>\n<parameter=example_parameter_2>\n"
            + "This is the value for the second parameter\nthat can span\nmultiple lines\n</parameter>\n</function>\n"
            + "</tool_call>\n\n<IMPORTANT>\nReminder:\n- Function calls MUST follow the specified format: an inner"
            + " <function=...></function> block must be nested within <tool_call></tool_call> XML tags\n"
            + "- Required parameters MUST be specified\n- You may provide optional reasoning for your function call"
            + " in natural language BEFORE the function call, but NOT after\n- If there is no function call"
            + " available, answer the question like normal with your current knowledge and do not tell the user"
            + " about function calls\n</IMPORTANT>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Qwen35ChatRenderer() {}

    static String render(List<ChatMessage> messages, ChatOptions options) {
        String[] texts = new String[messages.size()];
        for (int i = 0; i < texts.length; i++) {
            ChatMessage message = messages.get(i);
            if (message.role() == ChatRole.SYSTEM && i > 0) {
                throw new IllegalArgumentException("System message must be at the beginning: message " + i
                        + " of " + texts.length + " is a system message. Merge it into the first message.");
            }
            if (message.role() == ChatRole.SYSTEM && message.hasImage()) {
                throw new IllegalArgumentException("System message cannot contain images; move the image into a"
                        + " user message.");
            }
            texts[i] = PythonText.strip(renderContent(message.content()));
        }
        int lastQuery = lastQueryIndex(messages, texts);
        StringBuilder out = new StringBuilder();
        boolean systemFirst = messages.get(0).role() == ChatRole.SYSTEM;
        if (!options.tools().isEmpty()) {
            out.append(TOOLS_HEADER);
            for (JsonNode tool : options.tools()) {
                out.append('\n').append(PythonJson.dumps(tool));
            }
            out.append(TOOLS_FOOTER);
            if (systemFirst && !texts[0].isEmpty()) {
                out.append("\n\n").append(texts[0]);
            }
            out.append("<|im_end|>\n");
        } else if (systemFirst) {
            out.append("<|im_start|>system\n").append(texts[0]).append("<|im_end|>\n");
        }
        for (int i = 0; i < texts.length; i++) {
            ChatMessage message = messages.get(i);
            switch (message.role()) {
                case SYSTEM -> { } // first message only, rendered above
                case USER -> out.append("<|im_start|>user\n").append(texts[i]).append("<|im_end|>\n");
                case ASSISTANT -> appendAssistant(out, message, texts[i], i > lastQuery);
                case TOOL -> {
                    if (i > 0 && messages.get(i - 1).role() != ChatRole.TOOL) {
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
            out.append(options.enableThinking() ? "<think>\n" : "<think>\n\n</think>\n\n");
        }
        return out.toString();
    }

    static String renderContent(List<ContentPart> content) {
        StringBuilder out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text text) {
                out.append(text.text());
            } else {
                out.append(IMAGE_PLACEHOLDER);
            }
        }
        return out.toString();
    }

    private static int lastQueryIndex(List<ChatMessage> messages, String[] texts) {
        for (int i = texts.length - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatRole.USER && !Qwen3ChatRenderer.isToolResponse(texts[i])) {
                return i;
            }
        }
        throw new IllegalArgumentException("No user query found in messages: the Qwen3.5 template needs at least"
                + " one user message that is not a wrapped <tool_response>.");
    }

    private static void appendAssistant(StringBuilder out, ChatMessage message, String text, boolean afterLastQuery) {
        String content = text;
        String reasoning;
        if (message.reasoningContent() != null) {
            reasoning = message.reasoningContent();
        } else {
            ThinkingSplit split = ThinkingSplit.of(text);
            content = split.answer();
            reasoning = split.reasoning();
        }
        out.append("<|im_start|>assistant\n");
        if (afterLastQuery) {
            out.append("<think>\n").append(PythonText.strip(reasoning)).append("\n</think>\n\n");
        }
        out.append(content);
        List<ToolCall> calls = message.toolCalls();
        for (int j = 0; j < calls.size(); j++) {
            ToolCall call = calls.get(j);
            if (j == 0) {
                out.append(PythonText.strip(content).isEmpty() ? "" : "\n\n");
            } else {
                out.append('\n');
            }
            out.append("<tool_call>\n<function=").append(call.name()).append(">\n");
            for (Map.Entry<String, JsonNode> argument : argumentObject(call).properties()) {
                JsonNode value = argument.getValue();
                out.append("<parameter=").append(argument.getKey()).append(">\n")
                        .append(value.isContainerNode() ? PythonJson.dumps(value) : PythonText.str(value))
                        .append("\n</parameter>\n");
            }
            out.append("</function>\n</tool_call>");
        }
        out.append("<|im_end|>\n");
    }

    /** The template iterates a mapping; arguments sent as JSON text (OpenAI style) are parsed first, as vLLM does. */
    private static JsonNode argumentObject(ToolCall call) {
        JsonNode arguments = call.arguments();
        if (arguments.isObject()) {
            return arguments;
        }
        try {
            JsonNode parsed = JSON.readTree(arguments.asText());
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("Arguments of tool call '" + call.name() + "' must be a JSON object for"
                + " the Qwen3.5 template, got: " + arguments.asText());
    }
}
