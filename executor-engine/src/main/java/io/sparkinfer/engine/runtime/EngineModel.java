package io.sparkinfer.engine.runtime;

import io.sparkinfer.engine.config.GenerationConfig;
import io.sparkinfer.engine.config.PreprocessorConfig;
import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import io.sparkinfer.engine.tokenizer.ChatTemplate;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import io.sparkinfer.kernels.api.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded model with what requests need around it: the tokenizer (absent for a checkpoint without
 * {@code tokenizer.json}: then only token-id prompts work), the chat template, the generation config, and a key
 * naming the model (prefix-cache entries belong to one model), and the vision tower of a multimodal checkpoint
 * (absent for a text-only one: then prompts with images fail).
 */
public record EngineModel(String key, Qwen35Model model, Optional<TextTokenizer> tokenizer, ChatTemplate chatTemplate,
        GenerationConfig generation, Optional<VisionSupport> vision) implements AutoCloseable {

    public EngineModel {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(vision, "vision");
    }

    /** A text-only model. */
    public EngineModel(String key, Qwen35Model model, Optional<TextTokenizer> tokenizer, ChatTemplate chatTemplate,
            GenerationConfig generation) {
        this(key, model, tokenizer, chatTemplate, generation, Optional.empty());
    }

    /**
     * Opens the checkpoint in {@code directory}, uploads its weights (the vision tower's too, for a multimodal
     * checkpoint) onto {@code backend} and loads its tokenizer.
     */
    public static EngineModel load(Path directory, Backend backend) {
        Qwen35Model model;
        GenerationConfig generation;
        Optional<VisionSupport> vision = Optional.empty();
        try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(directory)) {
            model = Qwen35Model.load(checkpoint, backend);
            generation = checkpoint.generation();
            if (checkpoint.config().vision().isPresent()) {
                vision = Optional.of(new VisionSupport(VisionTower.load(checkpoint, backend),
                        PreprocessorConfig.load(directory), checkpoint.config().visionTokens().orElseThrow()));
            }
        }
        Optional<TextTokenizer> tokenizer = Files.exists(directory.resolve("tokenizer.json"))
                ? Optional.of(TextTokenizer.load(directory)) : Optional.empty();
        ChatTemplate template = Files.exists(directory.resolve("tokenizer_config.json"))
                ? ChatTemplate.forTokenizerConfig(directory) : ChatTemplate.qwen35();
        return new EngineModel(directory.toAbsolutePath().normalize().toString(), model, tokenizer, template,
                generation, vision);
    }

    /** Closes the tokenizer; the backend (and the weights on it) belongs to whoever created it. */
    @Override
    public void close() {
        tokenizer.ifPresent(TextTokenizer::close);
    }
}
