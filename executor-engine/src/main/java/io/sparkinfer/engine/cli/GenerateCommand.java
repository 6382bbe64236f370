package io.sparkinfer.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sparkinfer.engine.runtime.Generation;
import io.sparkinfer.engine.sampling.SamplingParams;
import io.sparkinfer.engine.tokenizer.ChatMessage;
import io.sparkinfer.engine.tokenizer.ChatOptions;
import io.sparkinfer.engine.tokenizer.ChatTemplate;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * `generate --model M (--prompt TEXT | --ids ...)`: greedy by default, stopping at the generation_config stop
 * ids or --max-tokens. A text prompt goes through the model's chat template (thinking off unless --thinking;
 * --raw skips the template) and the answer is printed as text; with --ids the generated ids are printed as
 * one line {"ids": [...]}. With --image (repeatable) the request runs through the batch engine.
 */
final class GenerateCommand implements Command {

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "generate from a text or token id prompt (greedy by default)";
    }

    @Override
    public String usage() {
        return """
                usage: bin/sparkinfer generate --model M (--prompt TEXT | --ids 1,2,3) [--max-tokens N] [--temperature T] [--seed S]
                  --prompt TEXT     a user message, rendered with the model's chat template
                  --system TEXT     a system message before it
                  --thinking        let the model think first (the template's <think> block; default off)
                  --raw             use --prompt as it is, without the chat template
                  --ids LIST        the prompt as token ids; prints {"ids": [...]} of the generated ids
                  --image F         an image file (JPEG/PNG/GIF/BMP/WebP) shown before the prompt text; repeat for
                                    several; with --ids, put one <|image_pad|> id per image (needs a multimodal model)
                  --max-pixels N    resize each image to at most N pixels (default: preprocessor_config.json's bound)
                  --max-tokens N    at most N new tokens (default 64)
                  --temperature T   0 for greedy (default); above 0 samples from softmax(logits / T)
                  --seed S          random seed for sampling (default 0)
                  --top-k K, --top-p P, --min-p M, --repetition-penalty R, --presence-penalty Q
                                    sampling filters and penalties (default off)
                """ + "  " + LoadedModel.BACKEND_HELP;
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "prompt", "system", "thinking", "raw", "ids", "max-tokens", "temperature", "seed",
                "top-k", "top-p", "min-p", "repetition-penalty", "presence-penalty", "backend", "image", "max-pixels");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) {
        if (args.has("prompt") == args.has("ids")) {
            throw new UsageException("give exactly one of --prompt TEXT or --ids 1,2,3");
        }
        int maxTokens = args.getInt("max-tokens", 64);
        if (maxTokens < 1) {
            throw new UsageException("--max-tokens must be at least 1, got " + maxTokens);
        }
        SamplingParams sampling = sampling(args);
        if (args.has("image")) {
            return ImageGenerate.run(args, maxTokens, sampling, out);
        }
        if (args.has("max-pixels")) {
            throw new UsageException("--max-pixels bounds the size of --image files; give it with --image");
        }
        try (LoadedModel loaded = LoadedModel.load(args)) {
            Set<Integer> stops = new HashSet<>(loaded.generation().eosTokenIds());
            int vocab = loaded.model().config().vocabSize();
            if (args.has("ids")) {
                int[] ids = IdList.parse("ids", args.require("ids"));
                IdList.checkVocabulary("ids", ids, vocab);
                Generation.Result result = Generation.generate(loaded.model(), ids, maxTokens, stops, sampling);
                ArrayNode array = new ObjectMapper().createObjectNode().putArray("ids");
                for (int id : result.ids()) {
                    array.add(id);
                }
                out.println("{\"ids\":" + array + "}");
                return Main.OK;
            }
            if (!Files.exists(loaded.directory().resolve("tokenizer.json"))) {
                throw new UsageException("--prompt needs the model's tokenizer.json, which " + loaded.directory()
                        + " lacks; give --ids instead, or a model directory with its tokenizer");
            }
            try (TextTokenizer tokenizer = TextTokenizer.load(loaded.directory())) {
                int[] prompt = tokenizer.encode(promptText(args, loaded));
                IdList.checkVocabulary("prompt", prompt, vocab);
                Generation.Result result = Generation.generate(loaded.model(), prompt, maxTokens, stops, sampling);
                out.println(tokenizer.decodeLenient(withoutStop(result, stops)));
            }
        }
        return Main.OK;
    }

    private static String promptText(CliArgs args, LoadedModel loaded) {
        String text = args.require("prompt");
        if (args.flag("raw")) {
            if (args.has("system") || args.has("thinking")) {
                throw new UsageException("--raw uses the prompt as it is: --system and --thinking need the template");
            }
            return text;
        }
        ChatTemplate template = Files.exists(loaded.directory().resolve("tokenizer_config.json"))
                ? ChatTemplate.forTokenizerConfig(loaded.directory()) : ChatTemplate.qwen35();
        List<ChatMessage> messages = new ArrayList<>();
        args.get("system").ifPresent(s -> messages.add(ChatMessage.system(s)));
        messages.add(ChatMessage.user(text));
        return template.render(messages, ChatOptions.defaults().withEnableThinking(args.flag("thinking")));
    }

    private static int[] withoutStop(Generation.Result result, Set<Integer> stops) {
        int[] ids = result.ids();
        boolean stopped = result.finish() == Generation.Finish.STOP && stops.contains(ids[ids.length - 1]);
        return stopped ? java.util.Arrays.copyOf(ids, ids.length - 1) : ids;
    }

    /** --temperature, --top-k, --top-p, --min-p, --repetition-penalty, --presence-penalty and --seed. */
    private static SamplingParams sampling(CliArgs args) {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (String key : SamplingParams.OPTION_KEYS) {
            args.get(key.replace('_', '-')).ifPresent(v -> options.put(key, v));
        }
        try {
            return SamplingParams.fromOptions(options, SamplingParams.GREEDY);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (the command-line flag spells it with dashes: --top-p)");
        }
    }
}
