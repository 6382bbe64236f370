package io.sparkinfer.engine.config;

import java.util.ArrayList;
import java.util.List;

/** The vision-tower tensors ({@code model.visual.*}) a {@link VisionConfig} implies (spec section 9). */
final class VisionTensors {

    static final String PREFIX = "model.visual.";

    private VisionTensors() {
    }

    static List<ExpectedTensor> of(VisionConfig v) {
        List<ExpectedTensor> out = new ArrayList<>();
        Dim hidden = Dim.key("vision_config.hidden_size", v.hiddenSize());
        Dim width = Dim.key("vision_config.intermediate_size", v.intermediateSize());
        Dim patch = Dim.key("vision_config.patch_size", v.patchSize());
        Dim merge = Dim.key("vision_config.spatial_merge_size", v.spatialMergeSize());
        Dim merged = Dim.times(hidden, merge, merge);
        Dim qkv = Dim.times(Dim.constant(3), hidden);

        // Conv3d kernel [Hv, C, T, P, P], stride = kernel.
        add(out, "patch_embed.proj.weight", hidden, Dim.key("vision_config.in_channels", v.inChannels()),
                Dim.key("vision_config.temporal_patch_size", v.temporalPatchSize()), patch, patch);
        add(out, "patch_embed.proj.bias", hidden);
        add(out, "pos_embed.weight", Dim.key("vision_config.num_position_embeddings", v.numPositionEmbeddings()),
                hidden);
        for (int j = 0; j < v.depth(); j++) {
            String block = "blocks." + j + ".";
            add(out, block + "norm1.weight", hidden);
            add(out, block + "norm1.bias", hidden);
            add(out, block + "norm2.weight", hidden);
            add(out, block + "norm2.bias", hidden);
            add(out, block + "attn.qkv.weight", qkv, hidden);
            add(out, block + "attn.qkv.bias", qkv);
            add(out, block + "attn.proj.weight", hidden, hidden);
            add(out, block + "attn.proj.bias", hidden);
            add(out, block + "mlp.linear_fc1.weight", width, hidden);
            add(out, block + "mlp.linear_fc1.bias", width);
            add(out, block + "mlp.linear_fc2.weight", hidden, width);
            add(out, block + "mlp.linear_fc2.bias", hidden);
        }
        add(out, "merger.norm.weight", hidden);
        add(out, "merger.norm.bias", hidden);
        add(out, "merger.linear_fc1.weight", merged, merged);
        add(out, "merger.linear_fc1.bias", merged);
        Dim outHidden = Dim.key("vision_config.out_hidden_size", v.outHiddenSize());
        add(out, "merger.linear_fc2.weight", outHidden, merged);
        add(out, "merger.linear_fc2.bias", outHidden);
        return out;
    }

    private static void add(List<ExpectedTensor> out, String name, Dim... dims) {
        out.add(ExpectedTensor.of(PREFIX + name, dims));
    }
}
