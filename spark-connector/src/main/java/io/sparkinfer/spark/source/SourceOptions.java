package io.sparkinfer.spark.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkinfer.engine.weights.SimilarNames;
import io.sparkinfer.spark.conf.ConfKey;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.conf.SparkInferConf;
import io.sparkinfer.spark.task.ResultShape;
import io.sparkinfer.spark.task.TaskKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of {@code spark.read().format("sparkinfer")}, parsed and checked once on the driver.
 *
 * <ul>
 *   <li>{@code task}: generate (default), translate, classify, embed or caption;
 *   <li>{@code prompt}: the prompt over input columns, e.g. {@code Summarize: {body}} (default: the column
 *       {@code text}, else {@code value}, else the only string column); for caption, the instruction;
 *   <li>{@code target_language} (translate; may name columns too), {@code labels} (classify: a JSON array or a
 *       comma-separated list), {@code image_column} (caption; default {@code content});
 *   <li>{@code format}: text, json, parquet or image (default: from the file names, the paths' or those in the
 *       directories; image for caption);
 *   <li>{@code output_column} (default {@code result}) and {@code result} (plain or struct, as for the functions);
 *   <li>the engine keys without their prefix ({@code model}, {@code maxBatchTokens}, ...) over the session's
 *       {@code spark.sparkinfer.*} settings; the task's per-row options ({@code max_tokens}, {@code temperature},
 *       ...) as the SQL functions take them;
 *   <li>anything else goes to Spark's reader of the format ({@code multiLine}, {@code recursiveFileLookup}, ...).
 * </ul>
 */
record SourceOptions(TaskKind task, InputFormat format, List<String> paths, String prompt, String targetLanguage,
        List<String> labels, String imageColumn, String outputColumn, ResultShape shape, SessionSettings settings,
        Map<String, String> rowOptions, Map<String, String> readerOptions) {

    static final String TASK = "task";
    static final String PROMPT = "prompt";
    static final String TARGET_LANGUAGE = "target_language";
    static final String LABELS = "labels";
    static final String IMAGE_COLUMN = "image_column";
    static final String OUTPUT_COLUMN = "output_column";
    static final String FORMAT = "format";
    private static final Set<String> OWN = Set.of(TASK, PROMPT, TARGET_LANGUAGE, LABELS, IMAGE_COLUMN, OUTPUT_COLUMN,
            FORMAT, ResultShape.OPTION);
    /** Options of Spark's text, JSON and Parquet readers (lower case), never taken for typos of ours. */
    private static final Set<String> SPARK_READER_OPTIONS = Set.of("path", "paths", "mode", "multiline", "encoding",
            "linesep", "wholetext", "mergeschema", "pathglobfilter", "recursivefilelookup", "modifiedbefore",
            "modifiedafter", "samplingratio", "primitivesasstring", "prefersdecimal", "allowcomments",
            "columnnameofcorruptrecord", "dateformat", "timestampformat", "locale", "compression",
            "datetimerebasemode", "int96rebasemode", "ignorecorruptfiles", "ignoremissingfiles");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SourceOptions.class);

    /** Parses {@code options} over {@code sessionConf} (the session's settings, as {@code SQLConf.getAllConfs} gives). */
    static SourceOptions parse(CaseInsensitiveStringMap options, Map<String, String> sessionConf) {
        TaskKind task = TaskKind.parse(options.getOrDefault(TASK, "generate"));
        List<String> paths = paths(options);
        InputFormat format = format(options, task, paths);
        Map<String, String> conf = new HashMap<>(sessionConf);
        Map<String, String> reader = new LinkedHashMap<>();
        Map<String, String> callOptions = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            ConfKey engineKey = engineKey(key);
            if (engineKey != null) {
                conf.put(engineKey.name(), e.getValue());
            } else if (task.optionKeys().contains(key) && !PROMPT.equals(key)) {
                callOptions.put(key, e.getValue());
            } else if (!OWN.contains(key)) {
                reader.put(e.getKey(), e.getValue());
                warnIfMisspelt(key, task);
            }
        }
        SessionSettings settings = SessionSettings.from(conf);
        Map<String, String> rowOptions = new LinkedHashMap<>();
        settings.defaultOptions().forEach((k, v) -> {
            if (task.optionKeys().contains(k) && !PROMPT.equals(k)) {
                rowOptions.put(k, v);
            }
        });
        rowOptions.putAll(callOptions);
        String language = options.get(TARGET_LANGUAGE);
        if (task == TaskKind.TRANSLATE && (language == null || language.isBlank())) {
            throw new IllegalArgumentException("task translate needs option target_language (e.g. .option(\"target_language\","
                    + " \"French\"), or a column: \"{lang}\")");
        }
        List<String> labels = task == TaskKind.CLASSIFY ? labels(options.get(LABELS)) : null;
        String prompt = options.get(PROMPT);
        if (prompt == null && task == TaskKind.CAPTION && settings.defaultOptions().containsKey(PROMPT)) {
            prompt = settings.defaultOptions().get(PROMPT);
        }
        String output = options.getOrDefault(OUTPUT_COLUMN, "result").strip();
        if (output.isEmpty()) {
            throw new IllegalArgumentException("option output_column is empty; name the result column (default result)");
        }
        return new SourceOptions(task, format, paths, prompt, language, labels,
                options.getOrDefault(IMAGE_COLUMN, "content").strip(), output,
                ResultShape.parse(options.get(ResultShape.OPTION)), settings, Map.copyOf(rowOptions),
                Map.copyOf(reader));
    }

    /** These options with the format the input files showed (when the options and paths did not say). */
    SourceOptions withFormat(InputFormat f) {
        return new SourceOptions(task, f, paths, prompt, targetLanguage, labels, imageColumn, outputColumn, shape,
                settings, rowOptions, readerOptions);
    }

    /** The reader options plus the paths, as Spark's file sources take them. */
    CaseInsensitiveStringMap sparkReaderOptions() {
        Map<String, String> m = new HashMap<>(readerOptions);
        try {
            m.put("paths", JSON.writeValueAsString(paths));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("[BUG] paths " + paths + " do not serialise", e);
        }
        m.remove("path");
        return new CaseInsensitiveStringMap(m);
    }

    /** A reader option one or two letters away from a sparkinfer option is likely a typo of it: say so. */
    private static void warnIfMisspelt(String key, TaskKind task) {
        if (SPARK_READER_OPTIONS.contains(key)) {
            return;
        }
        Set<String> ours = new java.util.TreeSet<>(OWN);
        for (TaskKind k : TaskKind.values()) {
            ours.addAll(k.optionKeys());
        }
        for (ConfKey k : SparkInferConf.ALL) {
            ours.add(k.name().substring(SparkInferConf.PREFIX.length()).toLowerCase(Locale.ROOT));
        }
        for (String known : ours) {
            if (Math.abs(known.length() - key.length()) <= 2 && SimilarNames.editDistance(known, key) <= 2) {
                LOG.warn("sparkinfer source: option '{}' is not one of task {}'s options, so it goes to Spark's file"
                        + " reader; did you mean '{}'?", key, task.id(), known);
                return;
            }
        }
    }

    private static ConfKey engineKey(String key) {
        for (ConfKey k : SparkInferConf.ALL) {
            String full = k.name().toLowerCase(Locale.ROOT);
            if (key.equals(full) || key.equals(full.substring(SparkInferConf.PREFIX.length()))) {
                return k;
            }
        }
        return null;
    }

    private static List<String> paths(CaseInsensitiveStringMap options) {
        List<String> paths = new ArrayList<>();
        String many = options.get("paths");
        if (many != null && !many.isBlank()) {
            try {
                paths.addAll(Arrays.asList(JSON.readValue(many, String[].class)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("option paths = '" + many + "' is not a JSON array of paths", e);
            }
        }
        String one = options.get("path");
        if (one != null && !one.isBlank()) {
            paths.add(one);
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("the sparkinfer source needs input files: .load(\"/data/input.jsonl\")"
                    + " or .option(\"path\", ...)");
        }
        return List.copyOf(paths);
    }

    private static InputFormat format(CaseInsensitiveStringMap options, TaskKind task, List<String> paths) {
        String named = options.get(FORMAT);
        if (named != null && !named.isBlank()) {
            InputFormat f = InputFormat.parse(named);
            if (task == TaskKind.CAPTION && f != InputFormat.IMAGE) {
                throw new IllegalArgumentException("task caption reads images, but format = '" + named + "'; leave"
                        + " format out or set it to image");
            }
            return f;
        }
        if (task == TaskKind.CAPTION) {
            return InputFormat.IMAGE;
        }
        InputFormat found = null;
        for (String p : paths) {
            InputFormat f = InputFormat.ofPath(p);
            if (f == null || (found != null && f != found)) {
                return null;    // told by the files themselves, once the file system is at hand
            }
            found = f;
        }
        return found;
    }

    private static List<String> labels(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("task classify needs option labels: a JSON array such as"
                    + " [\"positive\",\"negative\"] or a comma-separated list such as positive,negative");
        }
        List<String> labels = new ArrayList<>();
        String v = value.strip();
        if (v.startsWith("[")) {
            try {
                labels.addAll(Arrays.asList(JSON.readValue(v, String[].class)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("option labels = '" + value + "' starts like a JSON array but is"
                        + " not one (" + e.getOriginalMessage() + "); write [\"a\",\"b\"] or a,b", e);
            }
        } else {
            for (String s : v.split(",")) {
                labels.add(s.strip());
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == null || labels.get(i).isEmpty()) {
                throw new IllegalArgumentException("option labels = '" + value + "': label " + (i + 1) + " of "
                        + labels.size() + " is empty; every label must be a non-empty string");
            }
        }
        return List.copyOf(labels);
    }
}
