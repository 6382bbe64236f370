package io.sparkinfer.engine.cli;

import io.sparkinfer.engine.config.GenerationConfig;
import io.sparkinfer.engine.hub.ModelResolver;
import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.nio.file.Path;
import java.util.Locale;

/** `--model` and `--backend` of the commands that run the model: resolved, checked, uploaded once. */
record LoadedModel(Path directory, Qwen35Model model, GenerationConfig generation, Backend backend)
        implements AutoCloseable {

    static final String BACKEND_HELP = "--backend reference|cpu  which kernels run the model (default cpu)";

    static LoadedModel load(CliArgs args) {
        Path dir = ModelResolver.fromEnvironment().resolve(args.require("model"));
        Backend backend = backend(args.get("backend").orElse("cpu"));
        try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(dir)) {
            return new LoadedModel(dir, Qwen35Model.load(checkpoint, backend), checkpoint.generation(), backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    static Backend backend(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reference" -> new ReferenceBackend();
            case "cpu" -> Backends.cpuOrReference();
            default -> throw new UsageException("--backend must be reference or cpu; got " + name);
        };
    }

    @Override
    public void close() {
        backend.close();
    }
}
