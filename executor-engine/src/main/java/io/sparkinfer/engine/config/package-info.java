/**
 * Typed, validated records for a Qwen3.5 checkpoint's JSON files ({@code config.json},
 * {@code generation_config.json}, {@code preprocessor_config.json}), the tensor names and shapes a config
 * implies ({@link io.sparkinfer.engine.config.TensorSchema}), and ready configs for the released shapes and
 * tiny test models ({@link io.sparkinfer.engine.config.ModelShapes}).
 *
 * <p>Every file is parsed once with Jackson's tree model; unknown keys are ignored; every record validates
 * itself in its constructor and fails with a {@link io.sparkinfer.engine.config.ConfigException} that names
 * the file, the key and the offending values.
 */
package io.sparkinfer.engine.config;
