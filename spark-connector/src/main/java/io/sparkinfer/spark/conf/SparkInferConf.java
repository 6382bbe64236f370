package io.sparkinfer.spark.conf;

import java.util.List;

/**
 * Every {@code spark.sparkinfer.*} key, with its default and one doc line. Precedence, highest first: the options
 * map of a function call, then these keys (session conf, then the SparkConf of spark-submit), then the defaults.
 */
public final class SparkInferConf {

    public static final String PREFIX = "spark.sparkinfer.";

    public static final ConfKey MODEL = new ConfKey(PREFIX + "model", null,
            "the model: a local Hugging Face directory, a hub id (Qwen/Qwen3.5-0.8B[@revision]), or a Hadoop URI"
                    + " (hdfs://, s3a://, file://) copied once per host into localCacheDir");
    public static final ConfKey DEVICE = new ConfKey(PREFIX + "device", "auto",
            "auto (the GPU Spark assigned, else cuda:0 when a driver is present, else the CPU), cpu, or cuda");
    public static final ConfKey DTYPE = new ConfKey(PREFIX + "dtype", "auto",
            "weight dtype on the device: auto (the checkpoint's; the CPU backend packs its own panels)");
    public static final ConfKey MAX_BATCH_TOKENS = new ConfKey(PREFIX + "maxBatchTokens", "512",
            "tokens per forward step of the executor's engine (prompt chunks plus decode tokens)");
    public static final ConfKey MAX_RUNNING = new ConfKey(PREFIX + "maxRunning", "64",
            "sequences the engine runs at once");
    public static final ConfKey PREFILL_CHUNK = new ConfKey(PREFIX + "prefillChunk", "256",
            "prompt tokens per piece (a multiple of 64); fixed cut points keep results independent of the batch");
    public static final ConfKey CACHE_BUDGET = new ConfKey(PREFIX + "cacheBudget", "auto",
            "bytes of sequence caches in flight (e.g. 2g); auto = a quarter of the executor heap, at most 8g");
    public static final ConfKey THREADS = new ConfKey(PREFIX + "threads", "0",
            "CPU backend threads; 0 = spark.executor.cores (or every processor in local mode)");
    public static final ConfKey FAIL_ON_ERROR = new ConfKey(PREFIX + "failOnError", "false",
            "true: a row that fails (over-long prompt, bad options) fails the task with its message; false: NULL");
    public static final ConfKey MAX_IN_FLIGHT = new ConfKey(PREFIX + "maxInFlightPerTask", "256",
            "rows one task keeps submitted to the engine at once in batched evaluation");
    public static final ConfKey BATCHED_EVALUATION = new ConfKey(PREFIX + "batchedEvaluation", "true",
            "true: projections and filters send their rows to the engine in batches; false: one row at a time");
    public static final ConfKey EAGER_LOAD = new ConfKey(PREFIX + "eagerLoad", "false",
            "true: executors load the model when they start instead of on the first row");
    public static final ConfKey LOCAL_CACHE_DIR = new ConfKey(PREFIX + "localCacheDir", "",
            "where executors copy models from Hadoop filesystems; empty = <java.io.tmpdir>/sparkinfer-models");
    public static final ConfKey BACKEND_FACTORY = new ConfKey(PREFIX + "backendFactory",
            "io.sparkinfer.spark.executor.DefaultBackendFactory",
            "class that creates the compute backend for a device (tests plug a recording one)");

    /** Default per-call options: {@code spark.sparkinfer.option.max_tokens=64} acts as map('max_tokens','64'). */
    public static final String OPTION_PREFIX = PREFIX + "option.";

    public static final List<ConfKey> ALL = List.of(MODEL, DEVICE, DTYPE, MAX_BATCH_TOKENS, MAX_RUNNING, PREFILL_CHUNK,
            CACHE_BUDGET, THREADS, FAIL_ON_ERROR, MAX_IN_FLIGHT, BATCHED_EVALUATION, EAGER_LOAD, LOCAL_CACHE_DIR, BACKEND_FACTORY);

    private SparkInferConf() {
    }
}
