package io.sparkinfer.examples;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The sparkinfer DataSource: reads the sample sentences (JSON lines) and answers a templated prompt per row, in one
 * {@code spark.read()}. Usage: {@code DataSourceRead [--data DIR] [--prompt TEMPLATE] [--max-tokens N]}.
 */
public final class DataSourceRead {

    public static void main(String[] args) {
        Map<String, String> a = Args.parse(args, Map.of("--data", "examples/data/sentences/questions.jsonl",
                "--prompt", "Answer in one short sentence, in the language of the question: {text}",
                "--max-tokens", "48"), "DataSourceRead [--data PATH] [--prompt TEMPLATE] [--max-tokens N]");
        SparkSession spark = ExampleSession.start("sparkinfer DataSource read", ExampleModel.resolve(false));
        try {
            Dataset<Row> answers = spark.read().format("sparkinfer")
                    .option("task", "generate")
                    .option("prompt", a.get("--prompt"))
                    .option("max_tokens", a.get("--max-tokens"))
                    .load(a.get("--data"));
            answers.printSchema();
            answers.select("id", "lang", "text", "result").orderBy("id").show(12, 60, false);
        } finally {
            spark.stop();
        }
    }
}
