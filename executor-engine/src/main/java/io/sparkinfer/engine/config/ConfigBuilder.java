package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds a {@link ModelConfig} from a few knobs, for tiny test models and the released shapes. Starts
 * from the tiny shape of the test fixtures (vocab 512, hidden 64, 8 layers, ...); every other value follows
 * the Qwen3.5 conventions (rope θ 1e7, partial 0.25, interleaved mRoPE split as [11, 11, 10] is).
 * Errors come from the record constructors, with the values.
 */
public final class ConfigBuilder {

    private boolean moe;
    private int vocabSize = 512;
    private int hiddenSize = 64;
    private int numLayers = 8;
    private List<LayerType> layerTypes;
    private int fullAttentionInterval = LayerSchedule.DEFAULT_FULL_ATTENTION_INTERVAL;
    private int attentionHeads = 4;
    private int kvHeads = 2;
    private int headDim = 64;
    private boolean attentionBias;
    private int linearKeyHeads = 2;
    private int linearValueHeads = 4;
    private int linearKeyHeadDim = 16;
    private int linearValueHeadDim = 16;
    private int convKernel = 4;
    private int intermediateSize = 128;
    private int experts = 8;
    private int expertsPerToken = 2;
    private int expertSize = 32;
    private int sharedExpertSize = 48;
    private boolean tieWordEmbeddings;
    private boolean vision = true;
    private int visionDepth = 2;
    private int visionHidden = 48;
    private int visionHeads = 3;
    private int visionIntermediate = 96;
    private int visionPositions = 64;
    private VisionTokenIds visionTokens = new VisionTokenIds(492, 493, 489, 490);
    private List<Integer> eosTokenIds = List.of(480);
    private double ropeTheta = 1e7;
    private double partialRotaryFactor = RopeParameters.DEFAULT_PARTIAL_ROTARY_FACTOR;
    private List<Integer> mropeSection;
    private int mtpLayers = 1;
    private int maxPositionEmbeddings = 262_144;

    ConfigBuilder() {
    }

    /** {@code "dense"} or {@code "moe"}. */
    public ConfigBuilder variant(String variant) {
        switch (variant) {
            case "dense" -> moe = false;
            case "moe" -> moe = true;
            default -> throw new IllegalArgumentException("variant \"" + variant + "\" must be dense or moe");
        }
        return this;
    }

    public ConfigBuilder vocabSize(int vocab) {
        this.vocabSize = vocab;
        return this;
    }

    public ConfigBuilder hiddenSize(int hidden) {
        this.hiddenSize = hidden;
        return this;
    }

    /** Layer count; the schedule follows {@link #fullAttentionInterval} unless {@link #layerTypes} is set. */
    public ConfigBuilder layers(int layers) {
        this.numLayers = layers;
        return this;
    }

    public ConfigBuilder fullAttentionInterval(int interval) {
        this.fullAttentionInterval = interval;
        this.layerTypes = null;
        return this;
    }

    /** An explicit schedule; also sets the layer count. */
    public ConfigBuilder layerTypes(List<LayerType> types) {
        this.layerTypes = List.copyOf(types);
        this.numLayers = types.size();
        return this;
    }

    public ConfigBuilder attention(int heads, int keyValueHeads, int headDimension) {
        this.attentionHeads = heads;
        this.kvHeads = keyValueHeads;
        this.headDim = headDimension;
        return this;
    }

    public ConfigBuilder attentionBias(boolean bias) {
        this.attentionBias = bias;
        return this;
    }

    /** Gated DeltaNet heads and head sizes; value heads must be a multiple of key heads. */
    public ConfigBuilder linearAttention(int keyHeads, int valueHeads, int keyHeadDim, int valueHeadDim) {
        this.linearKeyHeads = keyHeads;
        this.linearValueHeads = valueHeads;
        this.linearKeyHeadDim = keyHeadDim;
        this.linearValueHeadDim = valueHeadDim;
        return this;
    }

    public ConfigBuilder convKernel(int kernel) {
        this.convKernel = kernel;
        return this;
    }

    /** Dense MLP width (dense variant only). */
    public ConfigBuilder intermediateSize(int intermediate) {
        this.intermediateSize = intermediate;
        return this;
    }

    /** MoE sizes (moe variant only). */
    public ConfigBuilder experts(int numExperts, int perToken, int expertIntermediate, int sharedIntermediate) {
        this.experts = numExperts;
        this.expertsPerToken = perToken;
        this.expertSize = expertIntermediate;
        this.sharedExpertSize = sharedIntermediate;
        return this;
    }

    public ConfigBuilder tieWordEmbeddings(boolean tie) {
        this.tieWordEmbeddings = tie;
        return this;
    }

    /** With a vision tower (multimodal model_type) or without (text-only model_type). */
    public ConfigBuilder vision(boolean withVision) {
        this.vision = withVision;
        return this;
    }

    /** Vision tower sizes; turns vision on. Its output width is always the text hidden size. */
    public ConfigBuilder vision(int depth, int hidden, int heads, int intermediate, int positionEmbeddings) {
        this.vision = true;
        this.visionDepth = depth;
        this.visionHidden = hidden;
        this.visionHeads = heads;
        this.visionIntermediate = intermediate;
        this.visionPositions = positionEmbeddings;
        return this;
    }

    public ConfigBuilder visionTokenIds(VisionTokenIds ids) {
        this.visionTokens = ids;
        return this;
    }

    public ConfigBuilder eosTokenIds(List<Integer> ids) {
        this.eosTokenIds = List.copyOf(ids);
        return this;
    }

    public ConfigBuilder rope(double theta, double partialFactor) {
        this.ropeTheta = theta;
        this.partialRotaryFactor = partialFactor;
        return this;
    }

    /** Explicit mRoPE split; by default rotary_dim / 2 is split like [11, 11, 10] (remainder to the front). */
    public ConfigBuilder mropeSection(List<Integer> section) {
        this.mropeSection = List.copyOf(section);
        return this;
    }

    public ConfigBuilder mtpLayers(int layers) {
        this.mtpLayers = layers;
        return this;
    }

    public ConfigBuilder maxPositionEmbeddings(int positions) {
        this.maxPositionEmbeddings = positions;
        return this;
    }

    /** The validated config. */
    public ModelConfig build() {
        List<LayerType> types = layerTypes != null ? layerTypes
                : LayerSchedule.fromInterval(numLayers, fullAttentionInterval);
        int rotaryDim = (int) (headDim * partialRotaryFactor);
        RopeParameters rope = new RopeParameters("default", ropeTheta, partialRotaryFactor,
                mropeSection != null ? mropeSection : splitMrope(rotaryDim / 2), true);
        Optional<MoeConfig> moeConfig = moe
                ? Optional.of(new MoeConfig(experts, expertsPerToken, expertSize, sharedExpertSize, true, 1, List.of()))
                : Optional.empty();
        TextConfig text = new TextConfig(vocabSize, hiddenSize, numLayers, types, attentionHeads, kvHeads, headDim,
                attentionBias, true, 1e-6, "silu", moe ? OptionalInt.empty() : OptionalInt.of(intermediateSize),
                linearKeyHeads, linearValueHeads, linearKeyHeadDim, linearValueHeadDim, convKernel,
                maxPositionEmbeddings, mtpLayers, rope, moeConfig);
        ModelType type = moe ? ModelType.QWEN3_5_MOE : ModelType.QWEN3_5;
        if (!vision) {
            return new ModelConfig(type.textType(), text, Optional.empty(), Optional.empty(), tieWordEmbeddings,
                    eosTokenIds);
        }
        VisionConfig visionConfig = new VisionConfig(visionDepth, visionHidden, visionHeads, visionIntermediate,
                "gelu_pytorch_tanh", 3, 16, 2, 2, visionPositions, hiddenSize, List.of(),
                VisionConfig.DEFAULT_ROPE_THETA);
        return new ModelConfig(type, text, Optional.of(visionConfig), Optional.of(visionTokens), tieWordEmbeddings,
                eosTokenIds);
    }

    /** The config as config.json text in the HF layout. */
    public ObjectNode toJson() {
        return build().toJson();
    }

    /** [t, h, w] slots summing to {@code half}, split as evenly as possible with the remainder in front. */
    static List<Integer> splitMrope(int half) {
        int base = half / 3;
        int remainder = half % 3;
        return List.of(base + (remainder > 0 ? 1 : 0), base + (remainder > 1 ? 1 : 0), base);
    }
}
