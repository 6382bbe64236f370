package io.sparkinfer.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sparkinfer.engine.runtime.Generation;
import io.sparkinfer.engine.runtime.Sampling;
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
 * one line {"ids": [...]}.
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
                  --max-tokens N    at most N new tokens (default 64)
                  --temperature T   0 for greedy (default); above 0 samples from softmax(logits / T)
                  --seed S          random seed for sampling (default 0)
                """ + "  " + LoadedModel.BACKEND_HELP;
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "prompt", "system", "thinking", "raw", "ids", "max-tokens", "temperature", "seed",
                "backend", "image");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) {
        if (args.has("image")) {
            throw new UsageException("--image is not supported yet: image prompts arrive with the vision tower");
        }
        if (args.has("prompt") == args.has("ids")) {
            throw new UsageException("give exactly one of --prompt TEXT or --ids 1,2,3");
        }
        int maxTokens = args.getInt("max-tokens", 64);
        if (maxTokens < 1) {
            throw new UsageException("--max-tokens must be at least 1, got " + maxTokens);
        }
        Sampling sampling = new Sampling(temperature(args), args.getLong("seed", 0));
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
                out.println(decodeLenient(tokenizer, withoutStop(result, stops)));
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

    /**
     * The text of the ids; an id with no token (an embedding padding row, or most ids of a random model whose
     * small tokenizer covers a few of its rows) shows as [id N] instead of failing the whole answer.
     */
    static String decodeLenient(TextTokenizer tokenizer, int[] ids) {
        StringBuilder text = new StringBuilder();
        int from = 0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || !hasToken(tokenizer, ids[i])) {
                text.append(tokenizer.decode(java.util.Arrays.copyOfRange(ids, from, i), true));
                if (i < ids.length) {
                    text.append("[id ").append(ids[i]).append(']');
                }
                from = i + 1;
            }
        }
        return text.toString();
    }

    private static boolean hasToken(TextTokenizer tokenizer, int id) {
        try {
            tokenizer.token(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int[] withoutStop(Generation.Result result, Set<Integer> stops) {
        int[] ids = result.ids();
        boolean stopped = result.finish() == Generation.Finish.STOP && stops.contains(ids[ids.length - 1]);
        return stopped ? java.util.Arrays.copyOf(ids, ids.length - 1) : ids;
    }

    private static double temperature(CliArgs args) {
        String t = args.get("temperature").orElse("0");
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UsageException("--temperature wants a number such as 0 or 0.7; got '" + t + "'");
        }
    }
}
