package io.sparkinfer.engine.cli;

import io.sparkinfer.engine.config.ExpectedTensor;
import io.sparkinfer.engine.config.LayerType;
import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.config.MoeConfig;
import io.sparkinfer.engine.config.TextConfig;
import io.sparkinfer.engine.config.VisionConfig;
import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.engine.weights.DType;
import io.sparkinfer.engine.weights.TensorInfo;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The human-readable description `inspect` prints: one labelled line per aspect of the model. */
final class ModelSummary {
    private ModelSummary() {
    }

    static void print(Qwen35Checkpoint checkpoint, PrintStream out) {
        ModelConfig config = checkpoint.config();
        TextConfig text = config.text();
        line(out, "model", checkpoint.directory().toString());
        line(out, "type", describe(config));
        line(out, "text", String.format(Locale.ROOT, "%d layers, hidden %d, vocab %d, tied embeddings: %s",
                text.numHiddenLayers(), text.hiddenSize(), text.vocabSize(), config.tieWordEmbeddings() ? "yes" : "no"));
        line(out, "layers", schedule(text));
        line(out, "attention", String.format(Locale.ROOT,
                "%d heads / %d kv heads, head_dim %d, rotary %d dims (theta %.0f, mrope %s%s), output gate",
                text.numAttentionHeads(), text.numKeyValueHeads(), text.headDim(), text.rotaryDim(),
                text.rope().ropeTheta(), text.rope().mropeSection(), text.rope().mropeInterleaved() ? " interleaved" : ""));
        line(out, "deltanet", String.format(Locale.ROOT, "%d key heads / %d value heads, dk %d, dv %d, conv %d",
                text.linearNumKeyHeads(), text.linearNumValueHeads(), text.linearKeyHeadDim(),
                text.linearValueHeadDim(), text.linearConvKernelDim()));
        line(out, "mlp", mlp(text, checkpoint.layout().fusedExperts()));
        line(out, "vision", config.vision().map(ModelSummary::vision).orElse("none (text-only)")
                + (config.vision().isPresent() && !checkpoint.layout().hasVision() ? "; weights absent, text-only" : ""));
        line(out, "generation", "stop ids " + checkpoint.generation().eosTokenIds());
        parameters(checkpoint, out);
        dtypes(checkpoint, out);
        memory(checkpoint, out);
    }

    /** E.g. "LLLF LLLF (L = Gated DeltaNet x6, F = full attention x2 at 3, 7)". */
    private static String schedule(TextConfig text) {
        StringBuilder letters = new StringBuilder();
        StringBuilder full = new StringBuilder();
        for (int i = 0; i < text.numHiddenLayers(); i++) {
            if (i > 0 && i % 4 == 0) {
                letters.append(' ');
            }
            boolean isFull = text.layerType(i) == LayerType.FULL_ATTENTION;
            letters.append(isFull ? 'F' : 'L');
            if (isFull) {
                full.append(full.length() == 0 ? "" : ", ").append(i);
            }
        }
        int numFull = text.numFullAttentionLayers();
        return letters + String.format(Locale.ROOT, " (L = Gated DeltaNet x%d, F = gated full attention x%d at %s)",
                text.numHiddenLayers() - numFull, numFull, full);
    }

    private static String mlp(TextConfig text, boolean fused) {
        if (text.moe().isEmpty()) {
            return "dense SwiGLU, intermediate " + text.intermediateSize().orElse(0);
        }
        MoeConfig moe = text.moe().get();
        return String.format(Locale.ROOT, "sparse MoE, %d experts, top-%d, expert intermediate %d, shared expert %d"
                        + " (%s expert tensors)", moe.numExperts(), moe.numExpertsPerTok(), moe.moeIntermediateSize(),
                moe.sharedExpertIntermediateSize(), fused ? "fused" : "per-expert");
    }

    private static String vision(VisionConfig v) {
        return String.format(Locale.ROOT, "depth %d, hidden %d, %d heads, intermediate %d, patch %d, merge %d -> %d",
                v.depth(), v.hiddenSize(), v.numHeads(), v.intermediateSize(), v.patchSize(), v.spatialMergeSize(),
                v.outHiddenSize());
    }

    private static void parameters(Qwen35Checkpoint checkpoint, PrintStream out) {
        long text = 0;
        long vision = 0;
        for (ExpectedTensor t : checkpoint.layout().checked()) {
            if (t.name().startsWith("model.visual.")) {
                vision += t.numel();
            } else {
                text += t.numel();
            }
        }
        long mtp = 0;
        for (String name : checkpoint.layout().ignored()) {
            mtp += checkpoint.weights().info(name).numElements();
        }
        line(out, "parameters", String.format(Locale.ROOT, "%s total: text %s, vision %s%s", count(text + vision),
                count(text), count(vision), mtp > 0 ? ", plus " + count(mtp) + " in the unused mtp head" : ""));
    }

    private static void dtypes(Qwen35Checkpoint checkpoint, PrintStream out) {
        Map<DType, long[]> byType = new TreeMap<>();
        for (String name : checkpoint.weights().names()) {
            TensorInfo info = checkpoint.weights().info(name);
            long[] acc = byType.computeIfAbsent(info.dtype(), k -> new long[2]);
            acc[0]++;
            acc[1] += info.byteSize();
        }
        StringBuilder sb = new StringBuilder();
        byType.forEach((dtype, acc) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %d tensors (%s)", dtype, acc[0], bytes(acc[1]))));
        line(out, "dtypes", sb.toString());
        line(out, "files", checkpoint.weights().files().size() + " safetensors file(s), "
                + bytes(checkpoint.weights().totalBytes()) + " of tensor data");
    }

    /** Weights as stored and as f32, plus the per-sequence cache sizes in f32. */
    private static void memory(Qwen35Checkpoint checkpoint, PrintStream out) {
        TextConfig text = checkpoint.config().text();
        long params = 0;
        long stored = 0;
        for (ExpectedTensor t : checkpoint.layout().checked()) {
            params += t.numel();
            stored += checkpoint.weights().info(t.name()).byteSize();
        }
        int full = text.numFullAttentionLayers();
        int linear = text.numHiddenLayers() - full;
        long kvPerToken = 2L * full * text.numKeyValueHeads() * text.headDim() * Float.BYTES;
        long statePerSeq = (long) linear * Float.BYTES * ((long) text.linearNumValueHeads()
                * text.linearKeyHeadDim() * text.linearValueHeadDim()
                + (long) (text.linearConvKernelDim() - 1) * text.linearConvDim());
        line(out, "memory", String.format(Locale.ROOT,
                "weights %s as stored, %s as f32; per sequence: KV cache %s per token, DeltaNet state %s",
                bytes(stored), bytes(params * Float.BYTES), bytes(kvPerToken), bytes(statePerSeq)));
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf("%-12s %s%n", label, value);
    }

    /** E.g. "qwen3_5 (Qwen3_5ForConditionalGeneration)". */
    static String describe(ModelConfig config) {
        return config.modelType().hfName() + " (" + config.modelType().architecture() + ")";
    }

    static String count(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f B", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f M", n / 1e6);
        }
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.2f MiB", n / (double) (1L << 20));
        }
        if (n >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return n + " B";
    }
}
