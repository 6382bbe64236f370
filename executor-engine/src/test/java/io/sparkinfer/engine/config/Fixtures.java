package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Test access to the tiny Qwen3.5 fixtures (Surefire runs in the module directory). */
final class Fixtures {

    static final Path ROOT = Path.of("src/test/resources/fixtures/qwen35-tiny");
    static final Path DENSE = ROOT.resolve("dense_bf16");
    static final Path MOE = ROOT.resolve("moe_bf16");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture config.json as a mutable tree, to derive broken variants from. */
    static ObjectNode configTree(Path modelDir) {
        try {
            return (ObjectNode) MAPPER.readTree(read(modelDir.resolve("config.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Name -> shape of every tensor in the model directory's *.safetensors headers (u64 LE length, JSON). */
    static Map<String, long[]> tensorShapes(Path modelDir) {
        Map<String, long[]> shapes = new HashMap<>();
        try (var files = Files.list(modelDir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".safetensors"))::iterator) {
                shapes.putAll(headerShapes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shapes;
    }

    private static Map<String, long[]> headerShapes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long length = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            var header = MAPPER.readTree(in.readNBytes(Math.toIntExact(length)));
            Map<String, long[]> shapes = new HashMap<>();
            for (Iterator<String> names = header.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.equals("__metadata__")) {
                    continue;
                }
                var dims = header.get(name).get("shape");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).asLong();
                }
                shapes.put(name, shape);
            }
            return shapes;
        }
    }
}
