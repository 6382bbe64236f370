package io.sparkinfer.engine.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code model_type} values sparkinfer runs: dense or MoE, multimodal or text-only export. */
public enum ModelType {
    /** Dense multimodal checkpoint: {@code text_config} + {@code vision_config}. */
    QWEN3_5("qwen3_5", "Qwen3_5ForConditionalGeneration", false, true),
    /** MoE multimodal checkpoint: {@code text_config} + {@code vision_config}. */
    QWEN3_5_MOE("qwen3_5_moe", "Qwen3_5MoeForConditionalGeneration", true, true),
    /** Dense text-only export: text keys at the top level, tensors under {@code model.}. */
    QWEN3_5_TEXT("qwen3_5_text", "Qwen3_5ForCausalLM", false, false),
    /** MoE text-only export: text keys at the top level, tensors under {@code model.}. */
    QWEN3_5_MOE_TEXT("qwen3_5_moe_text", "Qwen3_5MoeForCausalLM", true, false);

    private final String hfName;
    private final String architecture;
    private final boolean moe;
    private final boolean multimodal;

    ModelType(String hfName, String architecture, boolean moe, boolean multimodal) {
        this.hfName = hfName;
        this.architecture = architecture;
        this.moe = moe;
        this.multimodal = multimodal;
    }

    /** The value of {@code model_type} in config.json. */
    public String hfName() {
        return hfName;
    }

    /** The HF class name written in {@code architectures}. */
    public String architecture() {
        return architecture;
    }

    public boolean isMoe() {
        return moe;
    }

    public boolean isMultimodal() {
        return multimodal;
    }

    /** The {@code model_type} of the nested {@code text_config} of a multimodal config. */
    public ModelType textType() {
        return moe ? QWEN3_5_MOE_TEXT : QWEN3_5_TEXT;
    }

    /** The type for a {@code model_type} string; an unknown one is an error listing the supported ones. */
    public static ModelType fromHfName(String name) {
        for (ModelType type : values()) {
            if (type.hfName.equals(name)) {
                return type;
            }
        }
        throw new ConfigException("model_type \"" + name + "\" is not supported; sparkinfer runs the Qwen3.5"
                + " family: " + supportedNames() + " (Qwen3.6 checkpoints use the same types)");
    }

    /** All supported {@code model_type} strings, comma separated, for messages. */
    public static String supportedNames() {
        return Arrays.stream(values()).map(ModelType::hfName).collect(Collectors.joining(", "));
    }
}
