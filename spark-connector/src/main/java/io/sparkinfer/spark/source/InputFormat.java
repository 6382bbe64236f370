package io.sparkinfer.spark.source;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.execution.datasources.v2.FileDataSourceV2;
import org.apache.spark.sql.execution.datasources.v2.json.JsonDataSourceV2;
import org.apache.spark.sql.execution.datasources.v2.parquet.ParquetDataSourceV2;
import org.apache.spark.sql.execution.datasources.v2.text.TextDataSourceV2;

/**
 * How the input files are read: text lines (one column {@code value}), JSON lines, Parquet (through Spark's own
 * file sources, so splits, schema inference and their options are Spark's), or a directory of images (one row per
 * file: {@code path}, {@code modificationTime}, {@code length}, {@code content}, as {@code binaryFile} gives).
 */
enum InputFormat {
    TEXT, JSON, PARQUET, IMAGE;

    static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp");

    /** The format an option names, or an error listing the formats. */
    static InputFormat parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "text", "txt" -> TEXT;
            case "json", "jsonl" -> JSON;
            case "parquet" -> PARQUET;
            case "image", "images", "binaryfile" -> IMAGE;
            default -> throw new IllegalArgumentException("format = '" + name + "' is not an input format of the"
                    + " sparkinfer source; use text, json, parquet or image");
        };
    }

    /** The format of files named like {@code path}, or null when its name does not say. */
    static InputFormat ofPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".txt") || p.endsWith(".text")) {
            return TEXT;
        }
        if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
            return JSON;
        }
        if (p.endsWith(".parquet")) {
            return PARQUET;
        }
        for (String ext : IMAGE_EXTENSIONS) {
            if (p.endsWith(ext)) {
                return IMAGE;
            }
        }
        return null;
    }

    /**
     * The one format of the files under {@code paths} (directories listed recursively, hidden files and names
     * starting with {@code _} skipped, at most {@code 10,000} files looked at), or an error saying what was found.
     */
    static InputFormat ofFiles(List<String> paths, Configuration conf) {
        Set<InputFormat> found = EnumSet.noneOf(InputFormat.class);
        List<String> unknown = new ArrayList<>();
        int[] seen = {0};
        InputListing.forEachFile(paths, conf, f -> {
            InputFormat format = ofPath(f.getPath().getName());
            if (format == null) {
                unknown.add(f.getPath().getName());
            } else {
                found.add(format);
            }
            return ++seen[0] < 10_000;
        });
        if (found.size() == 1 && unknown.isEmpty()) {
            return found.iterator().next();
        }
        throw new IllegalArgumentException("cannot tell the input format of " + paths + " from its file names (found "
                + (found.isEmpty() ? "no .txt, .json(l), .parquet or image files" : "formats " + found)
                + (unknown.isEmpty() ? "" : ", and other files such as " + unknown.subList(0, Math.min(3,
                        unknown.size()))) + "); set option format to text, json, parquet or image");
    }

    /** Spark's V2 file source for this format (not for images). */
    FileDataSourceV2 sparkSource() {
        return switch (this) {
            case TEXT -> new TextDataSourceV2();
            case JSON -> new JsonDataSourceV2();
            case PARQUET -> new ParquetDataSourceV2();
            case IMAGE -> throw new IllegalStateException("[BUG] images are listed by the sparkinfer source itself");
        };
    }
}
