package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.engine.cache.CacheShape;
import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.engine.config.TextConfig;
import io.sparkinfer.engine.layers.ActivationTap;
import io.sparkinfer.engine.layers.DeltaRuleForm;
import io.sparkinfer.engine.layers.Embedding;
import io.sparkinfer.engine.layers.FeedForward;
import io.sparkinfer.engine.layers.GatedAttention;
import io.sparkinfer.engine.layers.GatedDeltaNet;
import io.sparkinfer.engine.layers.LmHead;
import io.sparkinfer.engine.layers.Mlp;
import io.sparkinfer.engine.layers.PackedBatch;
import io.sparkinfer.engine.layers.RmsNorm;
import io.sparkinfer.engine.layers.SparseMoe;
import io.sparkinfer.engine.layers.TokenMixer;
import io.sparkinfer.engine.layers.WeightUploader;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Qwen3.5 text model (dense and MoE), spec section 2: embed, decoder layers on the schedule
 * {@code layer_types} (Gated DeltaNet or gated attention, then SwiGLU MLP or sparse MoE), final norm, lm_head.
 * Weights are fixed at load; every computation goes through {@code backend.ops()}.
 *
 * <p>A forward call packs the new tokens of several sequences into one [N, H] activation, so the matmuls see
 * the whole batch, while attention, conv and the delta rule run per sequence on row views of it.
 */
public final class Qwen35Model {
    /** Attention cache rows a new sequence starts with; caches double when they fill. */
    public static final int DEFAULT_CACHE_CAPACITY = 256;

    /** Which rows of logits a forward returns. */
    public enum LogitRows {
        /** One row per sequence: its last new token (what decoding needs). */
        LAST,
        /** One row per new token, sequences in input order. */
        ALL
    }

    private final Backend backend;
    private final TextConfig config;
    private final Embedding embedding;
    private final List<DecoderLayer> layers;
    private final RmsNorm finalNorm;
    private final LmHead lmHead;
    private final CacheShape cacheShape;
    private final DeltaRuleForm deltaRuleForm;

    private Qwen35Model(Backend backend, TextConfig config, Embedding embedding, List<DecoderLayer> layers,
            RmsNorm finalNorm, LmHead lmHead, DeltaRuleForm deltaRuleForm) {
        this.backend = backend;
        this.config = config;
        this.embedding = embedding;
        this.layers = List.copyOf(layers);
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
        this.cacheShape = CacheShape.of(config);
        this.deltaRuleForm = deltaRuleForm;
    }

    /** Uploads the text model's weights from an opened checkpoint onto {@code backend} ({@code mtp.*} ignored). */
    public static Qwen35Model load(Qwen35Checkpoint checkpoint, Backend backend) {
        TextConfig t = checkpoint.config().text();
        String prefix = checkpoint.layout().textPrefix();
        WeightUploader weights = new WeightUploader(checkpoint.weights(), backend);
        Embedding embedding = new Embedding(weights.matrix(prefix + "embed_tokens.weight"));
        List<DecoderLayer> layers = new ArrayList<>(t.numHiddenLayers());
        for (int i = 0; i < t.numHiddenLayers(); i++) {
            layers.add(decoderLayer(weights, prefix + "layers." + i + ".", i, t, checkpoint.layout().fusedExperts()));
        }
        RmsNorm finalNorm = RmsNorm.zeroCentred(weights, prefix + "norm.weight", t.rmsNormEps());
        LmHead lmHead = new LmHead(checkpoint.layout().tiedEmbeddings() ? embedding.table()
                : weights.matrix("lm_head.weight"));
        return new Qwen35Model(backend, t, embedding, layers, finalNorm, lmHead, DeltaRuleForm.DEFAULT);
    }

    private static DecoderLayer decoderLayer(WeightUploader weights, String p, int i, TextConfig t, boolean fused) {
        boolean attention = t.layerType(i) == LayerType.FULL_ATTENTION;
        TokenMixer mixer = attention ? GatedAttention.load(weights, p + "self_attn.", i, t)
                : GatedDeltaNet.load(weights, p + "linear_attn.", i, t);
        // The MoE variant differs only here: the channel mixer.
        FeedForward ffn = t.isMoe()
                ? SparseMoe.load(weights, p + "mlp.", t.moe().orElseThrow(), t.hiddenSize(), fused)
                : Mlp.load(weights, p + "mlp.");
        String name = "L" + i;
        return new DecoderLayer(name, name + (attention ? ".self_attn" : ".linear_attn"),
                RmsNorm.zeroCentred(weights, p + "input_layernorm.weight", t.rmsNormEps()), mixer,
                RmsNorm.zeroCentred(weights, p + "post_attention_layernorm.weight", t.rmsNormEps()), ffn);
    }

    /**
     * This model with the same weights (shared, not copied) running every Gated DeltaNet layer's delta rule in
     * {@code form}: chunks of another size, or recurrent for multi-token calls too. Loading gives
     * {@link DeltaRuleForm#DEFAULT}. Caches are interchangeable between the two models.
     */
    public Qwen35Model withDeltaRuleForm(DeltaRuleForm form) {
        List<DecoderLayer> changed = new ArrayList<>(layers.size());
        for (DecoderLayer layer : layers) {
            changed.add(layer.mixer() instanceof GatedDeltaNet deltaNet
                    ? layer.withMixer(deltaNet.withForm(form)) : layer);
        }
        return new Qwen35Model(backend, config, embedding, changed, finalNorm, lmHead, form);
    }

    /** How the Gated DeltaNet layers run the delta rule over multi-token calls. */
    public DeltaRuleForm deltaRuleForm() {
        return deltaRuleForm;
    }

    public TextConfig config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    /** An empty cache for one new sequence. */
    public SequenceCache newCache() {
        return newCache(DEFAULT_CACHE_CAPACITY);
    }

    /** An empty cache whose attention layers start with room for {@code initialCapacity} tokens. */
    public SequenceCache newCache(int initialCapacity) {
        return new SequenceCache(backend, cacheShape, initialCapacity);
    }

    /** Logits [inputs.size(), vocab] of each sequence's last new token; the caches advance. */
    public Tensor forward(List<SequenceInput> inputs) {
        return forward(inputs, LogitRows.LAST, ActivationTap.NONE);
    }

    /**
     * Runs the new tokens of every input through the model, appending them to their caches, and returns F32
     * logits over the full vocabulary for the rows {@code which} asks for. {@code tap} sees {@code "embed"},
     * {@code "L<i>.out"} (and finer names inside layers) and {@code "final_norm"} on the packed [N, H] rows.
     * An input with a {@link MultimodalPrefill} has its image pad rows' embeddings replaced by the image
     * features ({@code "embed"} shows them) and takes its explicit 3-D positions; its cache keeps the rope delta.
     */
    public Tensor forward(List<SequenceInput> inputs, LogitRows which, ActivationTap tap) {
        PackedBatch batch = pack(inputs);
        try (Tensor h = hiddenStates(inputs, batch, tap)) {
            if (which == LogitRows.ALL) {
                return lmHead.forward(backend, h);
            }
            try (Tensor last = gather(h, lastRowIndices(batch))) {
                return lmHead.forward(backend, last);
            }
        }
    }

    /**
     * Runs the new tokens of every input through the model, appending them to their caches, and returns on the
     * host what each input's {@link Readout} asks for: element s holds {@code readouts.get(s).rows(length)} rows
     * (vocabulary-wide logits or hidden-size final hidden states). The LM head runs only on the rows whose logits
     * are read, in one matmul for the whole batch. A row's values do not depend on the other inputs.
     */
    public List<float[][]> forward(List<SequenceInput> inputs, List<Readout> readouts) {
        if (readouts.size() != inputs.size()) {
            throw new IllegalArgumentException("[BUG] " + inputs.size() + " inputs but " + readouts.size() + " readouts");
        }
        PackedBatch batch = pack(inputs);
        List<Integer> logitRows = new ArrayList<>();
        List<Integer> hiddenRows = new ArrayList<>();
        for (int s = 0; s < inputs.size(); s++) {
            Readout readout = readouts.get(s);
            PackedBatch.Segment seg = batch.segments().get(s);
            List<Integer> target = readout.logits() ? logitRows : hiddenRows;
            int n = readout.rows(seg.count());
            for (int i = seg.count() - n; i < seg.count(); i++) {
                target.add(seg.offset() + i);
            }
        }
        float[] logits;
        float[] hidden;
        try (Tensor h = hiddenStates(inputs, batch, ActivationTap.NONE)) {
            hidden = hiddenRows.isEmpty() ? new float[0] : rowsToHost(h, hiddenRows);
            logits = logitRows.isEmpty() ? new float[0] : logitsToHost(h, logitRows);
        }
        int vocab = lmHead.weight().shape()[0];
        int width = config.hiddenSize();
        List<float[][]> out = new ArrayList<>(inputs.size());
        int logitAt = 0;
        int hiddenAt = 0;
        for (int s = 0; s < inputs.size(); s++) {
            Readout readout = readouts.get(s);
            float[][] rows = new float[readout.rows(inputs.get(s).length())][];
            for (int r = 0; r < rows.length; r++) {
                if (readout.logits()) {
                    rows[r] = Arrays.copyOfRange(logits, logitAt * vocab, (logitAt + 1) * vocab);
                    logitAt++;
                } else {
                    rows[r] = Arrays.copyOfRange(hidden, hiddenAt * width, (hiddenAt + 1) * width);
                    hiddenAt++;
                }
            }
            out.add(rows);
        }
        return out;
    }

    /** Embeds, runs every layer (advancing the caches) and the final norm: [N, H] final hidden states. */
    private Tensor hiddenStates(List<SequenceInput> inputs, PackedBatch batch, ActivationTap tap) {
        int[] ids = new int[batch.totalRows()];
        for (int s = 0; s < inputs.size(); s++) {
            System.arraycopy(inputs.get(s).tokenIds(), 0, ids, batch.segments().get(s).offset(), inputs.get(s).length());
        }
        inputs.forEach(in -> in.cache().reserve(in.length()));
        Tensor h = embedding.forward(backend, ids);
        try {
            scatterImageFeatures(inputs, batch, h);
            tap.accept("embed", h);
            for (DecoderLayer layer : layers) {
                layer.forward(backend, h, batch, tap);
            }
            for (SequenceInput in : inputs) {
                in.cache().advance(in.length());
                in.multimodal().ifPresent(m -> in.cache().setRopeDelta(m.ropeDelta()));
            }
            finalNorm.forwardInPlace(backend, h);
            tap.accept("final_norm", h);
            return h;
        } catch (RuntimeException | Error e) {
            h.close();
            throw e;
        }
    }

    /** Overwrites the embeddings of image pad tokens with their image features (spec section 5). */
    private void scatterImageFeatures(List<SequenceInput> inputs, PackedBatch batch, Tensor h) {
        for (int s = 0; s < inputs.size(); s++) {
            Optional<MultimodalPrefill> multimodal = inputs.get(s).multimodal();
            if (multimodal.isEmpty() || multimodal.get().imageRows().length == 0) {
                continue;
            }
            int offset = batch.segments().get(s).offset();
            int[] rows = Arrays.stream(multimodal.get().imageRows()).map(r -> r + offset).toArray();
            backend.ops().scatterRows(multimodal.get().imageFeatures(), rows, h);
        }
    }

    /** Checked before any cache changes: features must be text-hidden-size rows. */
    private void checkImageFeatures(int input, MultimodalPrefill m) {
        int width = m.imageFeatures().rowSize();
        if (width != config.hiddenSize()) {
            throw new IllegalArgumentException("input " + input + ": image features have rows of " + width
                    + " values but the text model's hidden_size is " + config.hiddenSize() + "; they must come from"
                    + " this checkpoint's vision tower");
        }
    }

    private float[] rowsToHost(Tensor h, List<Integer> rows) {
        try (Tensor picked = gather(h, rows.stream().mapToInt(Integer::intValue).toArray())) {
            return backend.toFloats(picked);
        }
    }

    private float[] logitsToHost(Tensor h, List<Integer> rows) {
        try (Tensor picked = gather(h, rows.stream().mapToInt(Integer::intValue).toArray());
                Tensor logits = lmHead.forward(backend, picked)) {
            return backend.toFloats(logits);
        }
    }

    private static int[] lastRowIndices(PackedBatch batch) {
        return batch.segments().stream().mapToInt(s -> s.offset() + s.count() - 1).toArray();
    }

    private Tensor gather(Tensor h, int[] rows) {
        Tensor picked = backend.allocate(DType.F32, rows.length, h.rowSize());
        backend.ops().gatherRows(h, rows, picked);
        return picked;
    }

    private PackedBatch pack(List<SequenceInput> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("forward needs at least one sequence input");
        }
        Set<SequenceCache> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<PackedBatch.Segment> segments = new ArrayList<>(inputs.size());
        int offset = 0;
        for (int s = 0; s < inputs.size(); s++) {
            SequenceCache cache = inputs.get(s).cache();
            if (!cache.shape().equals(cacheShape)) {
                throw new IllegalArgumentException("input " + s + " carries a cache made for another model ("
                        + cache.shape() + "); create caches with this model's newCache()");
            }
            int segmentOffset = offset;
            int index = s;
            inputs.get(s).multimodal().ifPresent(m -> checkImageFeatures(index, m));
            if (!seen.add(cache)) {
                throw new IllegalArgumentException("input " + s + " reuses the cache of an earlier input; each"
                        + " sequence may appear once per forward call (concatenate its tokens instead)");
            }
            SequenceInput input = inputs.get(s);
            segments.add(input.multimodal()
                    .map(m -> new PackedBatch.Segment(cache, segmentOffset, input.length(), cache.length(),
                            m.positions()))
                    .orElseGet(() -> new PackedBatch.Segment(cache, segmentOffset, input.length(), cache.length(),
                            cache.ropeDelta())));
            offset += inputs.get(s).length();
        }
        return new PackedBatch(segments, offset);
    }
}
