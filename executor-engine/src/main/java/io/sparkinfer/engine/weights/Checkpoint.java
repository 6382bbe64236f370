package io.sparkinfer.engine.weights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The weights of a model directory, over one or more safetensors files: a single {@code model.safetensors},
 * a sharded checkpoint with {@code model.safetensors.index.json}, or (neither present) every
 * {@code *.safetensors} file. Like transformers, a single {@code model.safetensors} wins over an index.
 * Opening validates every header; tensor bytes are mapped only when asked for. Thread-safe.
 */
public final class Checkpoint implements AutoCloseable {

    private final Path directory;
    private final Map<String, SafetensorsFile> owners; // tensor name -> file, sorted by name
    private final List<SafetensorsFile> files;

    private Checkpoint(Path directory, CheckpointLoader.Loaded loaded) {
        this.directory = directory;
        this.owners = loaded.owners();
        this.files = loaded.files();
    }

    /**
     * Opens the checkpoint in {@code directory} and validates every file header.
     *
     * @throws CheckpointFormatException if the directory is missing, holds no readable weights, holds only pickle
     *     checkpoints, or any file or index is malformed
     */
    public static Checkpoint open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.exists(directory)) {
            throw new CheckpointFormatException("checkpoint directory " + directory.toAbsolutePath()
                    + " does not exist; pass the model directory that holds config.json and the *.safetensors files");
        }
        if (!Files.isDirectory(directory)) {
            throw new CheckpointFormatException("checkpoint path " + directory.toAbsolutePath() + " is a file, not a"
                    + " directory; pass the model directory that holds config.json and the *.safetensors files");
        }
        return new Checkpoint(directory, CheckpointLoader.load(directory));
    }

    public Path directory() {
        return directory;
    }

    /** All tensor names, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(owners.keySet()));
    }

    public boolean contains(String name) {
        return owners.containsKey(name);
    }

    /** The header entry of {@code name}; if absent, the error lists the closest names. */
    public TensorInfo info(String name) {
        return owner(name).info(name);
    }

    /** Maps the bytes of tensor {@code name}. */
    public TensorData tensor(String name) {
        return owner(name).tensor(name);
    }

    /** Every tensor's shape, by name, sorted (fresh arrays). */
    public Map<String, long[]> shapes() {
        Map<String, long[]> shapes = new TreeMap<>();
        owners.forEach((name, file) -> shapes.put(name, file.info(name).shape()));
        return Collections.unmodifiableMap(shapes);
    }

    /** Bytes of tensor data over all tensors. */
    public long totalBytes() {
        long total = 0;
        for (Map.Entry<String, SafetensorsFile> e : owners.entrySet()) {
            total += e.getValue().info(e.getKey()).byteSize();
        }
        return total;
    }

    /** The safetensors files the tensors come from, in the order they were opened. */
    public List<Path> files() {
        List<Path> paths = new ArrayList<>(files.size());
        files.forEach(f -> paths.add(f.path()));
        return List.copyOf(paths);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (SafetensorsFile file : files) {
            try {
                file.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private SafetensorsFile owner(String name) {
        SafetensorsFile file = owners.get(name);
        if (file == null) {
            throw new CheckpointFormatException("checkpoint " + directory + " has no tensor '" + name
                    + "'; the closest names are " + SimilarNames.closest(name, owners.keySet(), 5)
                    + ". Check that the checkpoint matches its config.json (model type, dense or MoE, size)");
        }
        return file;
    }
}
