package io.sparkinfer.engine.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of a hub repo an inference engine needs: configs, tokenizer files and safetensors weights,
 * all at the repo root. Other weight formats are never downloaded.
 */
final class InferenceFiles {

    static final String SHARD_INDEX = "model.safetensors.index.json";

    /** Everything but the weights, in download order (config first: it is the cheapest to get wrong). */
    static final List<String> SUPPORT_FILES = List.of(
            HubRepoCache.CONFIG_FILE, "generation_config.json", "preprocessor_config.json",
            HubRepoCache.TOKENIZER_FILE, "tokenizer_config.json", "chat_template.jinja", "chat_template.json",
            "special_tokens_map.json", "vocab.json", "merges.txt", SHARD_INDEX);

    private static final String SAFETENSORS = ".safetensors";
    private static final List<String> PICKLE_SUFFIXES = List.of(".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle");
    private static final List<String> OTHER_WEIGHT_SUFFIXES = List.of(
            ".gguf", ".msgpack", ".h5", ".onnx", ".onnx_data", ".tflite", ".ot", ".mlmodel", ".npz");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceFiles() {
    }

    /**
     * The first files to fetch, and the weights when there is no shard index (with an index, the weights
     * are {@link #shardsFromIndex}). Refuses repos whose weights exist only in formats sparkinfer cannot read.
     *
     * @param supportFiles   configs, tokenizer files and the shard index, when present
     * @param weightFiles    the root's .safetensors files when there is no index; empty otherwise
     */
    record Plan(List<String> supportFiles, List<String> weightFiles, boolean sharded) {
        Plan {
            supportFiles = List.copyOf(supportFiles);
            weightFiles = List.copyOf(weightFiles);
        }
    }

    static Plan plan(HubModelId id, Collection<String> siblings) {
        Set<String> root = new TreeSet<>();
        for (String sibling : siblings) {
            if (isPlainFileName(sibling)) {
                root.add(sibling);
            }
        }
        List<String> support = SUPPORT_FILES.stream().filter(root::contains).toList();
        List<String> safetensors = root.stream().filter(f -> f.endsWith(SAFETENSORS)).toList();
        boolean sharded = root.contains(SHARD_INDEX);
        if (safetensors.isEmpty() && !sharded) {
            refuseForeignWeights(id, root);
        }
        if (!root.contains(HubRepoCache.CONFIG_FILE) && !root.contains(HubRepoCache.TOKENIZER_FILE)) {
            throw new ModelResolutionException("Repo " + id + " has neither config.json nor tokenizer.json at its"
                    + " root, so it is not a model sparkinfer can load (root files: " + shortList(root) + ").");
        }
        return new Plan(support, sharded ? List.of() : safetensors, sharded);
    }

    /** The shard files a downloaded {@code model.safetensors.index.json} names, each checked against the repo. */
    static List<String> shardsFromIndex(HubModelId id, Path indexFile, Collection<String> siblings) {
        JsonNode weightMap;
        try {
            JsonNode root = JSON.readTree(indexFile.toFile());
            weightMap = root == null ? null : root.get("weight_map");
        } catch (IOException e) {
            throw new ModelResolutionException("Cannot read the shard index " + indexFile + " of " + id + ": "
                    + e.getMessage() + ". Delete it from the cache to download it again.", e);
        }
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw new ModelResolutionException("The shard index " + indexFile + " of " + id
                    + " has no 'weight_map' object naming the weight files.");
        }
        Set<String> shards = new TreeSet<>();
        for (JsonNode shard : weightMap) {
            shards.add(shard.asText());
        }
        for (String shard : shards) {
            if (!isPlainFileName(shard) || !shard.endsWith(SAFETENSORS) || !siblings.contains(shard)) {
                throw new ModelResolutionException("The shard index of " + id + " names weight file '" + shard
                        + "', which is not a .safetensors file at the repo root (repo root has: "
                        + shortList(siblings) + "). The repo is inconsistent; pin a revision where it is complete.");
            }
        }
        return new ArrayList<>(shards);
    }

    private static void refuseForeignWeights(HubModelId id, Set<String> root) {
        List<String> pickles = root.stream().filter(f -> endsWithAny(f, PICKLE_SUFFIXES)).toList();
        if (!pickles.isEmpty()) {
            throw new ModelResolutionException("Repo " + id + " has its weights only as PyTorch pickle checkpoints ("
                    + shortList(pickles) + "), and sparkinfer does not read pickle checkpoints: they can run code"
                    + " when loaded. Use a repo with a safetensors export of this model, or convert it once"
                    + " (transformers: model.save_pretrained(dir, safe_serialization=True)) and pass that directory.");
        }
        List<String> others = root.stream().filter(f -> endsWithAny(f, OTHER_WEIGHT_SUFFIXES)).toList();
        if (!others.isEmpty()) {
            throw new ModelResolutionException("Repo " + id + " has weights only as " + shortList(others)
                    + "; sparkinfer reads safetensors only. Use the original (safetensors) release of this model.");
        }
    }

    /** A name at the repo root that cannot leave the snapshot folder. */
    static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    private static boolean endsWithAny(String name, List<String> suffixes) {
        String lower = name.toLowerCase(Locale.ROOT);
        return suffixes.stream().anyMatch(lower::endsWith);
    }

    private static String shortList(Collection<String> names) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(names));
        return sorted.size() <= 12 ? String.join(", ", sorted)
                : String.join(", ", sorted.subList(0, 12)) + ", ... (" + sorted.size() + " in all)";
    }
}
