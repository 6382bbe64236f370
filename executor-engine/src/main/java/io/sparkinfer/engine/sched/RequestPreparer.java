package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.cache.CacheShape;
import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.runtime.Task;
import io.sparkinfer.engine.tokenizer.ChatMessage;
import io.sparkinfer.engine.tokenizer.ChatOptions;
import io.sparkinfer.engine.tokenizer.ContentPart;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tokenizes and checks requests on the submitting thread (so many tasks tokenize in parallel), rejecting what
 * cannot run with a message that names the values and the fix.
 */
final class RequestPreparer {
    /** The text that opens a user turn in the Qwen chat templates: what precedes it is the shared chat prefix. */
    private static final String USER_TURN = "<|im_start|>user\n";

    private final EngineModel model;
    private final EngineOptions options;
    private final CacheShape shape;
    private final int vocab;
    private final int context;
    private final ImagePromptPreparer images;

    RequestPreparer(EngineModel model, EngineOptions options) {
        this.model = model;
        this.options = options;
        this.shape = CacheShape.of(model.model().config());
        this.vocab = model.model().config().vocabSize();
        this.context = model.model().config().maxPositionEmbeddings();
        this.images = new ImagePromptPreparer(model.vision(), model.key());
    }

    PreparedRequest prepare(InferenceRequest request) {
        List<byte[]> pictures = request.prompt().images();
        if (!pictures.isEmpty()) {
            images.requireVision(pictures.size());
        }
        int[][] tokenized = tokenize(request.prompt());
        int[] prompt = tokenized[0];
        int shared = tokenized[1][0];
        if (prompt.length == 0) {
            throw new RequestRejected("the prompt is empty: it has no tokens; give at least one character of text");
        }
        checkIds("prompt", prompt);
        Optional<PreparedImages> prepared = Optional.empty();
        if (!pictures.isEmpty()) {
            ImagePromptPreparer.Expanded expanded = images.prepare(prompt, pictures, request.generate().maxPixels());
            prompt = expanded.ids();
            prepared = Optional.of(expanded.images());
        }
        if (prompt.length > context) {
            throw new RequestRejected("the prompt has " + prompt.length + " tokens, more than the model's context of "
                    + context + " tokens; shorten it (or split the input)" + imageHint(prepared));
        }
        int maxNew = 0;
        Set<Integer> stops = new HashSet<>();
        List<int[]> labels = List.of();
        int cacheTokens = prompt.length;
        if (request.task() == Task.GENERATE) {
            int room = context - prompt.length;
            if (room < 1) {
                throw new RequestRejected("the prompt has " + prompt.length + " tokens, which fills the model's context"
                        + " of " + context + "; nothing can be generated after it: shorten the prompt"
                        + imageHint(prepared));
            }
            maxNew = Math.min(Math.min(request.generate().maxTokens(), options.maxNewTokensCap()), room);
            if (!request.generate().ignoreEos()) {
                stops.addAll(model.generation().eosTokenIds());
            }
            for (int id : request.generate().stopIds()) {
                checkIds("stop_token_ids", new int[] {id});
                stops.add(id);
            }
            cacheTokens = prompt.length + maxNew;
        } else if (request.task() == Task.CLASSIFY) {
            labels = labelIds(request.labels(), prompt.length);
        }
        long bytes = bytesNeeded(prompt.length, cacheTokens, labels);
        if (bytes > options.cacheBudgetBytes()) {
            throw new RequestRejected("the request needs " + mib(bytes) + " MiB of sequence cache (" + prompt.length
                    + " prompt tokens" + (maxNew > 0 ? " + " + maxNew + " new tokens" : "") + "), more than the engine's"
                    + " whole cache budget of " + mib(options.cacheBudgetBytes()) + " MiB; raise the cache budget or"
                    + " lower max_tokens" + imageHint(prepared));
        }
        shared = Math.min(shared, prompt.length - 1); // at least one token must run to read the output
        boolean meanPooled = request.task() == Task.EMBED && request.pooling() == Pooling.MEAN;
        if (meanPooled) {
            shared = 0; // a mean needs every prompt row, so a prefix cannot be skipped
        }
        return new PreparedRequest(request, prompt, shared >= options.minPrefixTokens() ? shared : 0, maxNew, stops,
                labels, cacheTokens, prepared);
    }

    private static String imageHint(Optional<PreparedImages> images) {
        return images.map(i -> " (the images take " + ImagePromptPreparer.tokensPerImage(i) + " tokens; lower the"
                + " max_pixels option to shrink them)").orElse("");
    }

    /** Cache bytes a prepared request holds at most: its own cache, plus one branch per multi-token label. */
    long bytesNeeded(int promptLength, int cacheTokens, List<int[]> labels) {
        long bytes = shape.bytesFor(cacheTokens);
        for (int[] label : labels) {
            if (label.length > 1) {
                bytes += shape.bytesFor(promptLength + label.length - 1);
            }
        }
        return bytes;
    }

    long bytesNeeded(PreparedRequest p) {
        return bytesNeeded(p.prompt().length, p.cacheTokens(), p.labelIds());
    }

    private List<int[]> labelIds(List<String> labels, int promptLength) {
        if (labels.isEmpty()) {
            throw new RequestRejected("classification needs at least one label; got none");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new RequestRejected("classification labels must be distinct; got " + labels);
        }
        TextTokenizer tokenizer = tokenizer("classification labels");
        List<int[]> out = new ArrayList<>();
        for (String label : labels) {
            int[] ids = tokenizer.encode(label);
            if (ids.length == 0) {
                throw new RequestRejected("the label '" + label + "' has no tokens; labels must be non-empty text");
            }
            checkIds("label '" + label + "'", ids);
            if (promptLength + ids.length - 1 > context) {
                throw new RequestRejected("the prompt (" + promptLength + " tokens) and the label '" + label + "' ("
                        + ids.length + " tokens) exceed the model's context of " + context + " tokens");
            }
            out.add(ids);
        }
        return out;
    }

    /** {ids, {shared prefix length}}. */
    private int[][] tokenize(Prompt prompt) {
        if (prompt instanceof Prompt.Ids ids) {
            return new int[][] {ids.ids(), {ids.sharedPrefixLength()}};
        }
        TextTokenizer tokenizer = tokenizer("text prompts");
        String text;
        String prefix;
        if (prompt instanceof Prompt.Text t) {
            text = t.text();
            prefix = t.sharedPrefix();
        } else {
            Prompt.Chat chat = (Prompt.Chat) prompt;
            if (chat.user().isBlank()) {
                return new int[][] {new int[0], {0}};
            }
            List<ChatMessage> messages = new ArrayList<>();
            if (!chat.system().isEmpty()) {
                messages.add(ChatMessage.system(chat.system()));
            }
            messages.add(userMessage(chat));
            text = model.chatTemplate().render(messages, ChatOptions.defaults().withEnableThinking(chat.thinking()));
            int turn = text.lastIndexOf(USER_TURN);
            prefix = turn < 0 ? "" : text.substring(0, turn + USER_TURN.length());
        }
        int[] ids = tokenizer.encode(text);
        int shared = prefix.isEmpty() ? 0 : commonLength(tokenizer.encode(prefix), ids);
        return new int[][] {ids, {shared}};
    }

    /** The user turn: an image part per image, then the text, as Qwen's chat template places them. */
    private static ChatMessage userMessage(Prompt.Chat chat) {
        int count = chat.images().size();
        if (count == 0) {
            return ChatMessage.user(chat.user());
        }
        ContentPart[] parts = new ContentPart[count + 1];
        for (int i = 0; i < count; i++) {
            parts[i] = ContentPart.image();
        }
        parts[count] = ContentPart.text(chat.user());
        return ChatMessage.user(parts);
    }

    private TextTokenizer tokenizer(String what) {
        return model.tokenizer().orElseThrow(() -> new RequestRejected(what + " need the model's tokenizer.json,"
                + " which " + model.key() + " lacks; give token ids instead, or a model directory with its tokenizer"));
    }

    /** Leading ids two encodings share: tokens at the prefix boundary may merge with what follows. */
    private static int commonLength(int[] prefix, int[] ids) {
        int n = 0;
        while (n < prefix.length && n < ids.length && prefix[n] == ids[n]) {
            n++;
        }
        return n;
    }

    private void checkIds(String what, int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new RequestRejected(what + ": token id " + ids[i] + " at index " + i + " is outside the model's"
                        + " vocabulary [0, " + vocab + ")");
            }
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
