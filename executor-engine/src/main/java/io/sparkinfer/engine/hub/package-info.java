/**
 * Turns a model spec ({@code --model}, {@code spark.sparkinfer.model}) into a local directory: either a
 * directory given as is, or a Hugging Face hub id ({@code org/name[@revision]}) resolved through the
 * huggingface_hub cache layout, so Python tools and sparkinfer share one cache:
 *
 * <pre>
 * CACHE/models--ORG--NAME/
 *     refs/REVISION          the commit sha the revision pointed at when last resolved online
 *     blobs/ETAG             file contents, named by the hub's ETag
 *     snapshots/SHA/FILE     relative symlinks to ../../blobs/ETAG (copies where symlinks are refused)
 * CACHE/.locks/models--ORG--NAME/ETAG.lock   serialises downloads of one blob across processes
 * </pre>
 *
 * Only the files an inference engine reads are fetched (configs, tokenizer files, safetensors weights);
 * pickle checkpoints are refused. The entry point is {@link io.sparkinfer.engine.hub.ModelResolver}.
 */
package io.sparkinfer.engine.hub;
