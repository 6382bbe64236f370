package io.sparkinfer.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkinfer.engine.hub.ModelResolver;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * `tokenize --model M [--jsonl F]`: every input line {"text": ...} gives exactly one output line {"ids": [...]}.
 * Special-token strings in the text are recognised; nothing is added. A line that is not such an object gives
 * {"error": "..."} in its place (so output lines stay aligned with input lines) and the exit code is 1.
 */
final class TokenizeCommand implements Command {
    private static final int BATCH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "tokenize";
    }

    @Override
    public String summary() {
        return "JSON lines {\"text\": ...} in, {\"ids\": [...]} out (stdin or --jsonl F)";
    }

    @Override
    public String usage() {
        return """
                usage: bin/sparkinfer tokenize --model M [--jsonl FILE]
                  --model M     model directory, hub id (Qwen/Qwen3.5-0.8B), or a directory holding only tokenizer.json
                  --jsonl FILE  read lines from FILE instead of stdin
                Each input line {"text": "..."} gives one output line {"ids": [...]}; a bad line gives {"error": "..."}.""";
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "jsonl");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) throws Exception {
        Path dir = ModelResolver.fromEnvironment().resolve(args.require("model"));
        InputStream source = args.get("jsonl").isPresent() ? Files.newInputStream(Path.of(args.require("jsonl"))) : in;
        int failed = 0;
        try (TextTokenizer tokenizer = TextTokenizer.load(dir);
             BufferedReader reader = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>(BATCH);
            long lineNo = 0;
            for (String line = reader.readLine(); ; line = reader.readLine()) {
                if (line != null) {
                    lines.add(line);
                }
                if (lines.size() == BATCH || (line == null && !lines.isEmpty())) {
                    failed += writeBatch(tokenizer, lines, lineNo, out, err);
                    lineNo += lines.size();
                    lines.clear();
                }
                if (line == null) {
                    break;
                }
            }
        } finally {
            if (source != in) {
                source.close();
            }
        }
        out.flush();
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    /** Tokenizes one batch of lines; returns how many lines were bad. */
    private static int writeBatch(TextTokenizer tokenizer, List<String> lines, long firstLineNo, PrintStream out,
                                  PrintStream err) {
        String[] errors = new String[lines.size()];
        List<String> texts = new ArrayList<>(lines.size());
        List<Integer> textLine = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            try {
                texts.add(textOf(lines.get(i)));
                textLine.add(i);
            } catch (IllegalArgumentException e) {
                errors[i] = "line " + (firstLineNo + i + 1) + ": " + e.getMessage();
            }
        }
        List<int[]> ids = tokenizer.encodeBatch(texts);
        int[][] byLine = new int[lines.size()][];
        for (int k = 0; k < texts.size(); k++) {
            byLine[textLine.get(k)] = ids.get(k);
        }
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode result = JSON.createObjectNode();
            if (errors[i] != null) {
                result.put("error", errors[i]);
                err.println("sparkinfer tokenize: " + errors[i]);
                bad++;
            } else {
                var array = result.putArray("ids");
                for (int id : byLine[i]) {
                    array.add(id);
                }
            }
            out.println(result.toString());
        }
        return bad;
    }

    private static String textOf(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("not valid JSON (" + firstLine(e.getMessage())
                    + "); expected {\"text\": \"...\"}");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object {\"text\": \"...\"}, got: " + abbreviate(line));
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("the object has no string field \"text\": " + abbreviate(line));
        }
        return text.asText();
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
