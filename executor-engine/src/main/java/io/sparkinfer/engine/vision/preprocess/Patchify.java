package io.sparkinfer.engine.vision.preprocess;

import io.sparkinfer.engine.config.PreprocessorConfig;

/**
 * Cuts normalised channel planes into HF's {@code pixel_values} rows. HF views the frames as
 * (gridT, T, C, gridH/m, m, P, gridW/m, m, P) and permutes to (gridT, gridH/m, gridW/m, m, m, C, T, P, P):
 * rows walk merge blocks row-major and the m x m patches inside each block row-major; within a row the
 * order is channel, frame, patch row, patch column.
 */
final class Patchify {

    private Patchify() {
    }

    /** {@code planes} [3][H * W] of an image of {@code size}; one image repeated into T identical frames. */
    static PixelValues patches(float[][] planes, ImageSize size, PreprocessorConfig config) {
        int p = config.patchSize();
        int m = config.mergeSize();
        int frames = config.temporalPatchSize();
        int gridH = size.height() / p;
        int gridW = size.width() / p;
        int width = size.width();
        int channels = planes.length;
        float[][] rows = new float[gridH * gridW][channels * frames * p * p];
        int n = 0;
        for (int bh = 0; bh < gridH / m; bh++) {
            for (int bw = 0; bw < gridW / m; bw++) {
                for (int mh = 0; mh < m; mh++) {
                    for (int mw = 0; mw < m; mw++) {
                        int top = (bh * m + mh) * p;
                        int left = (bw * m + mw) * p;
                        float[] row = rows[n++];
                        int k = 0;
                        for (int c = 0; c < channels; c++) {
                            for (int t = 0; t < frames; t++) {
                                for (int py = 0; py < p; py++) {
                                    System.arraycopy(planes[c], (top + py) * width + left, row, k, p);
                                    k += p;
                                }
                            }
                        }
                    }
                }
            }
        }
        // A single image fills exactly one temporal patch: its T frames are copies of it.
        return new PixelValues(rows, new int[] {1, gridH, gridW}, m);
    }
}
