package io.sparkinfer.engine.models.qwen35.vision;

import io.sparkinfer.engine.config.VisionConfig;
import io.sparkinfer.engine.layers.ActivationTap;
import io.sparkinfer.engine.layers.WeightUploader;
import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen3.5 vision encoder (spec section 4; Qwen3-VL without DeepStack): patch embedding (the Conv3d as a
 * matmul over each flattened 1536-value patch), resampled learned positions, {@code depth} blocks with 2-D
 * rotary attention per frame, and the 2 x 2 merger. Turns the pixel_values of one or more images into one
 * text-hidden-size embedding per merged token, images in order, each in block raster order.
 */
public final class VisionTower {
    private static final String PREFIX = "model.visual.";

    private final Backend backend;
    private final VisionConfig config;
    private final VisionLinear patchEmbed;
    private final VisionPositionEmbedding positions;
    private final List<VisionBlock> blocks;
    private final PatchMerger merger;

    private VisionTower(Backend backend, VisionConfig config, VisionLinear patchEmbed,
            VisionPositionEmbedding positions, List<VisionBlock> blocks, PatchMerger merger) {
        this.backend = backend;
        this.config = config;
        this.patchEmbed = patchEmbed;
        this.positions = positions;
        this.blocks = List.copyOf(blocks);
        this.merger = merger;
    }

    /** Uploads {@code model.visual.*} of a multimodal checkpoint onto {@code backend}. */
    public static VisionTower load(Qwen35Checkpoint checkpoint, Backend backend) {
        VisionConfig v = checkpoint.config().vision().orElseThrow(() -> new IllegalArgumentException(
                "model " + checkpoint.directory() + " (model_type " + checkpoint.config().modelType().hfName()
                        + ") has no vision tower; images need a multimodal checkpoint (qwen3_5 or qwen3_5_moe)"));
        if (!v.hiddenAct().equals("gelu_pytorch_tanh")) {
            throw new IllegalArgumentException("vision_config.hidden_act=" + v.hiddenAct() + " in "
                    + checkpoint.directory() + " is not supported; Qwen3.5 vision blocks use gelu_pytorch_tanh");
        }
        WeightUploader weights = new WeightUploader(checkpoint.weights(), backend);
        List<VisionBlock> blocks = new ArrayList<>(v.depth());
        for (int j = 0; j < v.depth(); j++) {
            blocks.add(VisionBlock.load(weights, PREFIX + "blocks." + j + ".", v.numHeads(), v.headDim(),
                    v.ropeTheta()));
        }
        return new VisionTower(backend, v, VisionLinear.load(weights, PREFIX + "patch_embed.proj."),
                VisionPositionEmbedding.load(weights, PREFIX + "pos_embed.weight", v.positionGridSide()), blocks,
                PatchMerger.load(weights, PREFIX + "merger.", v.spatialMergeSize()));
    }

    public Backend backend() {
        return backend;
    }

    public VisionConfig config() {
        return config;
    }

    /** Merged tokens (LM embeddings) the images of {@code grids} become. */
    public int mergedTokens(List<ImageGrid> grids) {
        return grids.stream().mapToInt(g -> g.mergedTokens(config.spatialMergeSize())).sum();
    }

    /** As {@link #forward(Tensor, List)} for pixel values on the host, row-major [patches, patchInputSize]. */
    public Tensor forward(float[] pixelValues, List<ImageGrid> grids) {
        int width = config.patchInputSize();
        if (pixelValues.length % width != 0) {
            throw new IllegalArgumentException("pixel_values hold " + pixelValues.length + " values, not a whole"
                    + " number of " + width + "-value patches (in_channels * temporal_patch_size * patch_size²)");
        }
        try (Tensor pixels = backend.fromFloats(pixelValues, DType.F32, pixelValues.length / width, width)) {
            return forward(pixels, grids);
        }
    }

    /**
     * Image features [merged tokens, out_hidden_size] for pixel values [patches, patchInputSize] (F32): the
     * patches of every image of {@code grids}, in order, each image's patches in merge-block order.
     */
    public Tensor forward(Tensor pixelValues, List<ImageGrid> grids) {
        return forward(pixelValues, grids, ActivationTap.NONE);
    }

    /**
     * As {@link #forward(Tensor, List)}; {@code tap} sees {@code "visual.patch_embed"}, {@code "visual.pos_embed"}
     * (after the positions are added), {@code "visual.blocks.<j>.out"} on the [patches, Hv] rows and
     * {@code "visual.merger"} on the output.
     */
    public Tensor forward(Tensor pixelValues, List<ImageGrid> grids, ActivationTap tap) {
        int merge = config.spatialMergeSize();
        int patches = grids.stream().mapToInt(ImageGrid::patches).sum();
        if (grids.isEmpty() || pixelValues.rows() != patches || pixelValues.rowSize() != config.patchInputSize()) {
            throw new IllegalArgumentException("pixel_values of shape [" + pixelValues.rows() + ", "
                    + pixelValues.rowSize() + "] do not fit image grids " + grids + ": expected [" + patches + ", "
                    + config.patchInputSize() + "] (one row per patch of every image)");
        }
        grids.forEach(g -> g.requireMergeable(merge));
        int[] rotary = PatchPositions.rowsThenColumns(grids, merge);
        Tensor x = patchEmbed.forward(backend, pixelValues);
        try {
            tap.accept("visual.patch_embed", x);
            positions.addTo(backend, x, grids, merge);
            tap.accept("visual.pos_embed", x);
            List<int[]> frames = frames(grids);
            for (int j = 0; j < blocks.size(); j++) {
                blocks.get(j).forward(backend, x, rotary, frames);
                tap.accept("visual.blocks." + j + ".out", x);
            }
            Tensor out = merger.forward(backend, x);
            try {
                tap.accept("visual.merger", out);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        } finally {
            x.close();
        }
    }

    /** [offset, count] of every frame's patches: the spans attention stays within. */
    private static List<int[]> frames(List<ImageGrid> grids) {
        List<int[]> frames = new ArrayList<>();
        int offset = 0;
        for (ImageGrid g : grids) {
            for (int f = 0; f < g.t(); f++) {
                frames.add(new int[] {offset, g.patchesPerFrame()});
                offset += g.patchesPerFrame();
            }
        }
        return frames;
    }
}
