/**
 * Image preprocessing for Qwen3.5 vision (spec section 6): {@link io.sparkinfer.engine.vision.preprocess.ImageDecoder}
 * turns encoded bytes into {@link io.sparkinfer.engine.vision.preprocess.RgbImage},
 * {@link io.sparkinfer.engine.vision.preprocess.ImagePreprocessor} applies HF's Qwen2-VL image processor
 * ({@link io.sparkinfer.engine.vision.preprocess.SmartResize}, Pillow-exact
 * {@link io.sparkinfer.engine.vision.preprocess.BicubicResize}, rescale, normalise, patchify) and returns
 * {@link io.sparkinfer.engine.vision.preprocess.PixelValues} in HF's {@code pixel_values} layout.
 */
package io.sparkinfer.engine.vision.preprocess;
