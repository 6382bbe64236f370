package io.sparkinfer.engine.config;

import java.util.Locale;

/** The token mixer of one decoder layer, as named in {@code layer_types}. */
public enum LayerType {
    /** Gated DeltaNet ({@code layers.i.linear_attn}). */
    LINEAR_ATTENTION,
    /** Gated full softmax attention ({@code layers.i.self_attn}). */
    FULL_ATTENTION;

    /** The name used in config.json, e.g. {@code "linear_attention"}. */
    public String hfName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for a {@code layer_types} entry; anything else is an error naming the allowed values. */
    public static LayerType fromHfName(String name) {
        for (LayerType type : values()) {
            if (type.hfName().equals(name)) {
                return type;
            }
        }
        throw new ConfigException("layer type \"" + name + "\" is not supported; Qwen3.5 layers are \""
                + LINEAR_ATTENTION.hfName() + "\" or \"" + FULL_ATTENTION.hfName() + "\"");
    }
}
