package io.sparkinfer.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sparkinfer.engine.hub.ModelResolver;
import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.sampling.SamplingParams;
import io.sparkinfer.engine.sched.EngineOptions;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.kernels.api.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * `generate --image F ...`: the prompt with its images runs through the batch engine (which decodes and resizes
 * the images and runs the vision tower), so the command prints what an engine request gives.
 */
final class ImageGenerate {

    private ImageGenerate() {
    }

    static int run(CliArgs args, int maxTokens, SamplingParams sampling, PrintStream out) {
        List<byte[]> images = readImages(args.all("image"));
        Path dir = ModelResolver.fromEnvironment().resolve(args.require("model"));
        GenerateOptions options = GenerateOptions.DEFAULTS.withMaxTokens(maxTokens).withSampling(sampling);
        if (args.has("max-pixels")) {
            options = options.withMaxPixels(args.getLong("max-pixels", 0));
        }
        boolean ids = args.has("ids");
        Prompt prompt = ids ? new Prompt.Ids(IdList.parse("ids", args.require("ids")), 0, images)
                : new Prompt.Chat(args.get("system").orElse(""), args.require("prompt"), args.flag("thinking"), images);
        if (!ids && args.flag("raw")) {
            throw new UsageException("--raw cannot place images: with --image give --prompt (chat template) or --ids"
                    + " holding one <|image_pad|> id per image");
        }
        try (Backend backend = LoadedModel.backend(args.get("backend").orElse("cpu"));
                EngineModel model = EngineModel.load(dir, backend);
                InferenceEngine engine = new InferenceEngine(model, EngineOptions.defaults())) {
            InferenceResult result = engine.submit(InferenceRequest.generate(prompt, options)).get();
            if (!result.ok()) {
                throw new UsageException(result.error());
            }
            if (ids) {
                ArrayNode array = new ObjectMapper().createObjectNode().putArray("ids");
                for (int id : result.tokenIds()) {
                    array.add(id);
                }
                out.println("{\"ids\":" + array + "}");
            } else {
                out.println(result.text());
            }
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generation failed: " + e.getCause(), e.getCause());
        }
    }

    private static List<byte[]> readImages(List<String> files) {
        List<byte[]> images = new ArrayList<>();
        for (String f : files) {
            Path path = Path.of(f);
            if (!Files.isRegularFile(path)) {
                throw new UsageException("--image " + f + ": no such file; give the path of a JPEG, PNG, GIF, BMP"
                        + " or WebP image");
            }
            try {
                images.add(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --image " + f + ": " + e.getMessage(), e);
            }
        }
        return images;
    }
}
