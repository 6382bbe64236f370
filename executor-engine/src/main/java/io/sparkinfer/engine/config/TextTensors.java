package io.sparkinfer.engine.config;

import java.util.ArrayList;
import java.util.List;

/** The language-model tensors a {@link TextConfig} implies (spec section 9), in layer order. */
final class TextTensors {

    private final TextConfig t;
    private final String prefix;
    private final boolean fusedExperts;
    private final List<ExpectedTensor> out = new ArrayList<>();

    private final Dim vocab;
    private final Dim hidden;

    private TextTensors(TextConfig t, String prefix, boolean fusedExperts) {
        this.t = t;
        this.prefix = prefix;
        this.fusedExperts = fusedExperts;
        this.vocab = Dim.key("vocab_size", t.vocabSize());
        this.hidden = Dim.key("hidden_size", t.hiddenSize());
    }

    /** embed_tokens, every layer, final norm (lm_head is the caller's: it depends on tying). */
    static List<ExpectedTensor> of(TextConfig t, String prefix, boolean fusedExperts) {
        TextTensors builder = new TextTensors(t, prefix, fusedExperts);
        builder.add("embed_tokens.weight", builder.vocab, builder.hidden);
        for (int i = 0; i < t.numHiddenLayers(); i++) {
            builder.layer(i);
        }
        builder.add("norm.weight", builder.hidden);
        return builder.out;
    }

    /** {@code lm_head.weight [vocab_size, hidden_size]}; it has no text prefix. */
    static ExpectedTensor lmHead(TextConfig t) {
        return ExpectedTensor.of("lm_head.weight", Dim.key("vocab_size", t.vocabSize()),
                Dim.key("hidden_size", t.hiddenSize()));
    }

    private void layer(int i) {
        String layer = "layers." + i + ".";
        add(layer + "input_layernorm.weight", hidden);
        if (t.layerType(i) == LayerType.LINEAR_ATTENTION) {
            deltaNet(layer + "linear_attn.");
        } else {
            attention(layer + "self_attn.");
        }
        add(layer + "post_attention_layernorm.weight", hidden);
        if (t.isMoe()) {
            moe(layer + "mlp.", t.moe().orElseThrow());
        } else {
            Dim width = Dim.key("intermediate_size", t.intermediateSize().orElseThrow());
            swiGlu(layer + "mlp.", width);
        }
    }

    private void deltaNet(String p) {
        Dim keyHeads = Dim.key("linear_num_key_heads", t.linearNumKeyHeads());
        Dim valueHeads = Dim.key("linear_num_value_heads", t.linearNumValueHeads());
        Dim keyDim = Dim.key("linear_key_head_dim", t.linearKeyHeadDim());
        Dim valueDim = Dim.key("linear_value_head_dim", t.linearValueHeadDim());
        Dim values = Dim.times(valueHeads, valueDim);
        Dim conv = Dim.plus(Dim.times(Dim.constant(2), keyHeads, keyDim), values);
        add(p + "in_proj_qkv.weight", conv, hidden);
        add(p + "in_proj_z.weight", values, hidden);
        add(p + "in_proj_b.weight", valueHeads, hidden);
        add(p + "in_proj_a.weight", valueHeads, hidden);
        add(p + "conv1d.weight", conv, Dim.constant(1), Dim.key("linear_conv_kernel_dim", t.linearConvKernelDim()));
        add(p + "dt_bias", valueHeads);
        add(p + "A_log", valueHeads);
        add(p + "norm.weight", valueDim);
        add(p + "out_proj.weight", hidden, values);
    }

    private void attention(String p) {
        Dim heads = Dim.key("num_attention_heads", t.numAttentionHeads());
        Dim kvHeads = Dim.key("num_key_value_heads", t.numKeyValueHeads());
        Dim headDim = Dim.key("head_dim", t.headDim());
        // q_proj holds query and output gate per head: [q_h0 | gate_h0 | q_h1 | ...].
        Dim queryAndGate = Dim.times(Dim.constant(2), heads, headDim);
        Dim keyValue = Dim.times(kvHeads, headDim);
        add(p + "q_proj.weight", queryAndGate, hidden);
        add(p + "k_proj.weight", keyValue, hidden);
        add(p + "v_proj.weight", keyValue, hidden);
        add(p + "o_proj.weight", hidden, Dim.times(heads, headDim));
        if (t.attentionBias()) {
            add(p + "q_proj.bias", queryAndGate);
            add(p + "k_proj.bias", keyValue);
            add(p + "v_proj.bias", keyValue);
            add(p + "o_proj.bias", hidden);
        }
        add(p + "q_norm.weight", headDim);
        add(p + "k_norm.weight", headDim);
    }

    private void swiGlu(String p, Dim width) {
        add(p + "gate_proj.weight", width, hidden);
        add(p + "up_proj.weight", width, hidden);
        add(p + "down_proj.weight", hidden, width);
    }

    private void moe(String p, MoeConfig moe) {
        Dim experts = Dim.key("num_experts", moe.numExperts());
        Dim expertWidth = Dim.key("moe_intermediate_size", moe.moeIntermediateSize());
        add(p + "gate.weight", experts, hidden);
        if (fusedExperts) {
            // Gate rows first, then up rows, in one [E, 2*Ie, H] tensor (no .weight suffix).
            add(p + "experts.gate_up_proj", experts, Dim.times(Dim.constant(2), expertWidth), hidden);
            add(p + "experts.down_proj", experts, hidden, expertWidth);
        } else {
            for (int e = 0; e < moe.numExperts(); e++) {
                swiGlu(p + "experts." + e + ".", expertWidth);
            }
        }
        swiGlu(p + "shared_expert.", Dim.key("shared_expert_intermediate_size", moe.sharedExpertIntermediateSize()));
        add(p + "shared_expert_gate.weight", Dim.constant(1), hidden);
    }

    private void add(String name, Dim... dims) {
        out.add(ExpectedTensor.of(prefix + name, dims));
    }
}
