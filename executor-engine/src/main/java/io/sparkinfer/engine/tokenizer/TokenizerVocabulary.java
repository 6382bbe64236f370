package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The id/token tables of a {@code tokenizer.json}: the model vocabulary plus the added tokens. The native
 * library does not expose them, so they are read here with Jackson's streaming parser (Qwen's file is 11 MB).
 */
final class TokenizerVocabulary {

    /** Far above any real vocabulary; guards the id table against a corrupt file. */
    private static final int MAX_ID = 16_000_000;

    private final Path source;
    private final String[] tokenById;
    private final Map<String, Integer> idByToken;
    private final Set<Integer> specialIds;

    private TokenizerVocabulary(Path source, Map<String, Integer> modelVocab, Map<Integer, JsonNode> addedTokens) {
        this.source = source;
        Map<String, Integer> byToken = new HashMap<>(modelVocab);
        Set<Integer> special = new LinkedHashSet<>();
        int maxId = -1;
        for (int id : modelVocab.values()) {
            maxId = Math.max(maxId, id);
        }
        for (Map.Entry<Integer, JsonNode> added : addedTokens.entrySet()) {
            int id = added.getKey();
            byToken.put(added.getValue().path("content").asText(), id);
            if (added.getValue().path("special").asBoolean(false)) {
                special.add(id);
            }
            maxId = Math.max(maxId, id);
        }
        String[] byId = new String[maxId + 1];
        modelVocab.forEach((token, id) -> byId[id] = token);
        addedTokens.forEach((id, node) -> byId[id] = node.path("content").asText());
        this.tokenById = byId;
        this.idByToken = byToken;
        this.specialIds = Collections.unmodifiableSet(special);
    }

    static TokenizerVocabulary read(Path tokenizerJson) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Integer> vocab = new HashMap<>();
        Map<Integer, JsonNode> added = new TreeMap<>();
        try (JsonParser parser = mapper.createParser(tokenizerJson.toFile())) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, tokenizerJson, "the file is not a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("added_tokens".equals(field) && parser.currentToken() == JsonToken.START_ARRAY) {
                    for (JsonNode token : (JsonNode) parser.readValueAsTree()) {
                        int id = checkedId(token.path("id").asInt(-1), tokenizerJson, token.toString());
                        added.put(id, token);
                    }
                } else if ("model".equals(field) && parser.currentToken() == JsonToken.START_OBJECT) {
                    readModel(parser, tokenizerJson, vocab);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tokenizer file " + tokenizerJson.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        expect(!vocab.isEmpty(), tokenizerJson, "it has no model.vocab entries");
        return new TokenizerVocabulary(tokenizerJson, vocab, added);
    }

    private static void readModel(JsonParser parser, Path file, Map<String, Integer> vocab) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("vocab".equals(field) && value == JsonToken.START_OBJECT) {
                // BPE, WordPiece, WordLevel: {"token": id, ...}
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String token = parser.currentName();
                    parser.nextToken();
                    vocab.put(token, checkedId(parser.getValueAsInt(-1), file, token));
                }
            } else if ("vocab".equals(field) && value == JsonToken.START_ARRAY) {
                // Unigram: [["token", score], ...], the id is the position
                int id = 0;
                for (JsonNode entry : (JsonNode) parser.readValueAsTree()) {
                    vocab.put(entry.path(0).asText(), id++);
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static int checkedId(int id, Path file, String what) {
        expect(id >= 0 && id < MAX_ID, file, "entry " + what + " has an invalid id " + id);
        return id;
    }

    private static void expect(boolean condition, Path file, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("Tokenizer file " + file.toAbsolutePath() + " is not a valid Hugging"
                    + " Face tokenizer.json: " + problem + ".");
        }
    }

    /** One more than the highest id of any token, added tokens included. */
    int size() {
        return tokenById.length;
    }

    OptionalInt id(String token) {
        Integer id = idByToken.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    boolean hasToken(int id) {
        return id >= 0 && id < tokenById.length && tokenById[id] != null;
    }

    String token(int id) {
        if (!hasToken(id)) {
            throw new IllegalArgumentException(unknownId(id));
        }
        return tokenById[id];
    }

    String unknownId(int id) {
        return "Token id " + id + " is not in the vocabulary of " + source.toAbsolutePath() + " (valid ids: 0.."
                + (tokenById.length - 1) + (id >= 0 && id < tokenById.length ? ", and this one has no token" : "")
                + ").";
    }

    Set<Integer> specialIds() {
        return specialIds;
    }
}
