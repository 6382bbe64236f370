package io.sparkinfer.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reading the JSON files of a model directory: one shared mapper, errors that name the file. */
final class ConfigFiles {

    /** Python's json module writes NaN/Infinity for such floats; accept them and let validation judge. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ConfigFiles() {
    }

    /** The file's text, or empty when the file does not exist. */
    static Optional<String> readIfPresent(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e + "; check that the file is readable", e);
        }
    }

    /** The file's text; a missing file is an error that says what the directory must contain. */
    static String readRequired(Path modelDir, String fileName) {
        if (!Files.isDirectory(modelDir)) {
            throw new ConfigException("model directory " + modelDir + " does not exist or is not a directory;"
                    + " point the model path at a Hugging Face model directory (config.json + *.safetensors)");
        }
        Path file = modelDir.resolve(fileName);
        return readIfPresent(file).orElseThrow(() -> new ConfigException("no " + fileName + " in " + modelDir
                + "; point the model path at a Hugging Face model directory (config.json + *.safetensors)"));
    }

    /**
     * The top-level JSON object of a file; anything else (bad syntax, an array, ...) is an error. Messages
     * leave out the file name: the caller's parse method puts it in front of every error.
     */
    static ObjectNode parseObject(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ConfigException("not valid JSON: " + e.getOriginalMessage() + where, e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("the file must hold one JSON object but holds "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return (ObjectNode) root;
    }
}
