package io.sparkinfer.engine.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds and opens the safetensors files of a model directory, in the order transformers uses: a single
 * {@code model.safetensors}, else a sharded index, else every {@code *.safetensors} file. Pickle-only
 * directories are refused. Files opened here are closed again if loading fails.
 */
final class CheckpointLoader {

    static final String SINGLE_FILE = "model.safetensors";

    private final Path dir;
    private final List<SafetensorsFile> opened = new ArrayList<>();

    private CheckpointLoader(Path dir) {
        this.dir = dir;
    }

    /**
     * The files opened, and each tensor's file.
     *
     * @param files every file opened, in order (the checkpoint closes them)
     * @param owners tensor name to the file that holds it, sorted by name
     */
    record Loaded(List<SafetensorsFile> files, Map<String, SafetensorsFile> owners) {}

    static Loaded load(Path dir) {
        CheckpointLoader loader = new CheckpointLoader(dir);
        try {
            Map<String, SafetensorsFile> owners = loader.load();
            if (owners.isEmpty()) {
                throw new CheckpointFormatException("checkpoint directory " + dir + " holds no tensors (files "
                        + loader.opened.stream().map(f -> f.path().getFileName().toString()).toList()
                        + " have empty headers); re-download or re-export the checkpoint");
            }
            return new Loaded(List.copyOf(loader.opened), Collections.unmodifiableMap(owners));
        } catch (RuntimeException e) {
            for (SafetensorsFile file : loader.opened) {
                try {
                    file.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw e;
        }
    }

    private Map<String, SafetensorsFile> load() {
        if (Files.isRegularFile(dir.resolve(SINGLE_FILE))) {
            return fromFiles(List.of(dir.resolve(SINGLE_FILE)));
        }
        if (Files.isRegularFile(dir.resolve(ShardIndex.FILE_NAME))) {
            return fromIndex(dir.resolve(ShardIndex.FILE_NAME));
        }
        List<String> names = listNames();
        List<Path> safetensors = names.stream().filter(n -> n.endsWith(".safetensors")).map(dir::resolve)
                .filter(Files::isRegularFile).toList();
        if (!safetensors.isEmpty()) {
            return fromFiles(safetensors);
        }
        List<String> pickles = names.stream().filter(CheckpointLoader::isPickleName).toList();
        if (!pickles.isEmpty()) {
            throw new CheckpointFormatException(PickleRefusal.message(dir, pickles));
        }
        throw new CheckpointFormatException("checkpoint directory " + dir + " holds no weights: expected "
                + SINGLE_FILE + ", " + ShardIndex.FILE_NAME + " with its shards, or *.safetensors files, but it contains "
                + (names.isEmpty() ? "nothing" : names.subList(0, Math.min(10, names.size())))
                + "; point sparkinfer at the model directory that holds config.json and the weights");
    }

    private Map<String, SafetensorsFile> fromFiles(List<Path> files) {
        Map<String, SafetensorsFile> owners = new TreeMap<>();
        for (Path path : files) {
            SafetensorsFile file = open(path);
            for (String name : file.tensors().keySet()) {
                SafetensorsFile other = owners.putIfAbsent(name, file);
                if (other != null) {
                    throw new CheckpointFormatException("tensor '" + name + "' is in both " + other.path() + " and "
                            + path + "; a checkpoint directory must hold each tensor once. Remove the stale file or add a "
                            + ShardIndex.FILE_NAME + " that says which file to use");
                }
            }
        }
        return owners;
    }

    private Map<String, SafetensorsFile> fromIndex(Path indexFile) {
        ShardIndex index = ShardIndex.read(indexFile);
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> owners = new TreeMap<>();
        for (Map.Entry<String, String> entry : index.weightMap().entrySet()) {
            String tensor = entry.getKey();
            SafetensorsFile shard = shards.get(entry.getValue());
            if (shard == null) {
                shard = open(resolveShard(indexFile, index, entry.getValue()));
                shards.put(entry.getValue(), shard);
            }
            if (!shard.contains(tensor)) {
                throw new CheckpointFormatException("shard index " + indexFile + " maps tensor '" + tensor + "' to "
                        + entry.getValue() + ", but that shard's header has no such tensor (it holds " + shard.tensors().size()
                        + " tensors; the closest names are " + SimilarNames.closest(tensor, shard.tensors().keySet(), 3)
                        + "). The index and shards are from different exports; re-download the checkpoint");
            }
            owners.put(tensor, shard);
        }
        return owners;
    }

    private Path resolveShard(Path indexFile, ShardIndex index, String shardName) {
        Path base = dir.toAbsolutePath().normalize();
        Path absolute = base.resolve(shardName).normalize();
        if (Path.of(shardName).isAbsolute() || !absolute.startsWith(base) || absolute.equals(base)) {
            throw new CheckpointFormatException("shard index " + indexFile + " names shard \"" + shardName
                    + "\", which lies outside the checkpoint directory " + dir + "; sparkinfer reads shards only from"
                    + " inside that directory. Fix the index to use plain shard file names");
        }
        Path shard = dir.resolve(shardName).normalize(); // same form as the directory the caller gave
        if (!Files.isRegularFile(shard)) {
            long count = index.weightMap().values().stream().filter(shardName::equals).count();
            throw new CheckpointFormatException("shard index " + indexFile + " names shard " + shardName + " for "
                    + count + " tensors, but " + shard + " does not exist; the download is incomplete. Re-download the"
                    + " missing shard (all files of the checkpoint)");
        }
        return shard;
    }

    private SafetensorsFile open(Path path) {
        SafetensorsFile file = SafetensorsFile.open(path);
        opened.add(file);
        return file;
    }

    private List<String> listNames() {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPickleName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".bin") || lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".ckpt");
    }
}
