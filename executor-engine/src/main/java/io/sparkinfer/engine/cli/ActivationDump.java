package io.sparkinfer.engine.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sparkinfer.engine.layers.ActivationTap;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps a copy of every named activation of one forward pass and writes them as JSON, in the order seen. */
final class ActivationDump implements ActivationTap {
    private final Backend backend;
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, Integer> rowSizes = new LinkedHashMap<>();

    ActivationDump(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void accept(String name, Tensor value) {
        values.put(name, backend.toFloats(value));
        rowSizes.put(name, value.rowSize());
    }

    void write(Path file) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                int rowSize = rowSizes.get(e.getKey());
                float[] v = e.getValue();
                json.writeArrayFieldStart(e.getKey());
                for (int r = 0; r * rowSize < v.length; r++) {
                    json.writeStartArray();
                    for (int c = 0; c < rowSize; c++) {
                        json.writeNumber(v[r * rowSize + c]);
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }
}
