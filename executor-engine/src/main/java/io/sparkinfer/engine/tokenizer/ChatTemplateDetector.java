package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

/** Tells the Qwen template families apart from a tokenizer_config.json's chat template text. */
final class ChatTemplateDetector {

    private ChatTemplateDetector() {}

    /**
     * The {@code chat_template} entry: a string, or a list of {@code {"name", "template"}} entries of which the
     * one named "default" is taken.
     */
    static String templateText(JsonNode config) {
        JsonNode template = config.get("chat_template");
        if (template != null && template.isTextual()) {
            return template.asText();
        }
        if (template != null && template.isArray()) {
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return named.path("template").asText();
                }
            }
        }
        throw new IllegalArgumentException("The tokenizer config has no chat_template string (found: " + template
                + "). Pick the template explicitly with ChatTemplate.qwen35() or ChatTemplate.qwen3().");
    }

    /**
     * Qwen3.5 renders image items and opens a think block by default; Qwen3 is ChatML with thinking but no
     * image items. Anything else is refused rather than rendered wrongly.
     */
    static ChatTemplate.Flavor flavorOf(String template) {
        boolean chatMl = template.contains("<|im_start|>") && template.contains("<|im_end|>");
        boolean thinking = template.contains("<think>");
        if (chatMl && thinking && template.contains("<|image_pad|>")) {
            return ChatTemplate.Flavor.QWEN3_5;
        }
        if (chatMl && thinking && template.contains("enable_thinking")) {
            return ChatTemplate.Flavor.QWEN3;
        }
        String start = template.length() > 120 ? template.substring(0, 120) + "..." : template;
        throw new IllegalArgumentException("Unsupported chat template: sparkinfer renders the Qwen3 and Qwen3.5"
                + " ChatML templates only (it found no <|im_start|>/<think> markers of either in: " + start
                + "). Pick one explicitly with ChatTemplate.qwen35() or ChatTemplate.qwen3().");
    }
}
