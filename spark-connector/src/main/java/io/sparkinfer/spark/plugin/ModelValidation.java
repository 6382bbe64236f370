package io.sparkinfer.spark.plugin;

import io.sparkinfer.engine.config.ModelConfig;
import io.sparkinfer.engine.hub.HubModelId;
import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.spark.executor.EngineSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The driver's check of a model before any task: a local directory is opened as a checkpoint (config.json parsed
 * and validated, every tensor header checked against it, no weights read); a Hadoop URI gets config.json parsed
 * and its weight files listed; a hub id is checked for form only (executors download it).
 */
public final class ModelValidation {

    private ModelValidation() {
    }

    /** A one-line description of what was checked; throws with what is wrong and how to fix it. */
    public static String validate(EngineSpec spec, Configuration hadoopConf) {
        String model = spec.model().strip();
        if (spec.remoteModel()) {
            return validateRemote(model, hadoopConf);
        }
        Path dir = Path.of(model);
        if (Files.isDirectory(dir)) {
            try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(dir)) {
                return "local checkpoint, " + checkpoint.config().text().numHiddenLayers() + " layers";
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("spark.sparkinfer.model = " + model + " is not a usable model: "
                        + e.getMessage(), e);
            }
        }
        try {
            HubModelId id = HubModelId.parse(model);
            return "hub id " + id + " (downloaded and checked by each executor)";
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spark.sparkinfer.model = " + model + " is neither an existing local"
                    + " directory (" + dir.toAbsolutePath() + (Files.exists(dir) ? " is a file" : " does not exist")
                    + ") nor a hub id (" + e.getMessage() + ") nor a Hadoop URI (hdfs://, s3a://, file://)", e);
        }
    }

    private static String validateRemote(String uri, Configuration hadoopConf) {
        try {
            URI location = URI.create(uri);
            FileSystem fs = FileSystem.get(location, hadoopConf);
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
            org.apache.hadoop.fs.Path config = new org.apache.hadoop.fs.Path(dir, ModelConfig.FILE_NAME);
            if (!fs.exists(config)) {
                throw new IllegalArgumentException("spark.sparkinfer.model = " + uri + " has no config.json; name the"
                        + " directory of a Hugging Face checkpoint");
            }
            String json;
            try (InputStream in = fs.open(config)) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            ModelConfig parsed = ModelConfig.parse(json, config.toString());
            org.apache.hadoop.fs.Path index = new org.apache.hadoop.fs.Path(dir, "model.safetensors.index.json");
            int shards = 0;
            if (fs.exists(index)) {
                try (InputStream in = fs.open(index)) {
                    var weightMap = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("weight_map");
                    java.util.Set<String> files = new java.util.TreeSet<>();
                    for (Iterator<String> it = weightMap.fieldNames(); it.hasNext(); ) {
                        files.add(weightMap.get(it.next()).asText());
                    }
                    for (String f : files) {
                        if (!fs.exists(new org.apache.hadoop.fs.Path(dir, f))) {
                            throw new IllegalArgumentException("spark.sparkinfer.model = " + uri + ": the weight index"
                                    + " names " + f + ", which is missing; copy the whole checkpoint directory");
                        }
                    }
                    shards = files.size();
                }
            } else if (fs.exists(new org.apache.hadoop.fs.Path(dir, "model.safetensors"))) {
                shards = 1;
            } else {
                throw new IllegalArgumentException("spark.sparkinfer.model = " + uri + " has neither"
                        + " model.safetensors nor model.safetensors.index.json (pickle *.bin checkpoints are refused)");
            }
            return "remote checkpoint, " + parsed.text().numHiddenLayers() + " layers, " + shards + " weight file(s)";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + uri + ": " + e.getMessage(), e);
        }
    }
}
