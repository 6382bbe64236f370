package io.sparkinfer.engine.vision.preprocess;

/**
 * An independent, deliberately plain statement of antialiased bicubic resampling (a = -0.5, support 2
 * widened by the downscale factor, taps over pixel centres normalised to sum 1), in double precision with
 * round-to-nearest and clamping to 0..255 after each separable pass: the test oracle for BicubicResize,
 * which must agree within one level (it quantises weights to fixed point).
 */
final class PlainBicubic {

    private PlainBicubic() {
    }

    static RgbImage resize(RgbImage in, ImageSize target) {
        double[][][] rows = new double[in.height()][target.width()][3];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < target.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    final int yy = y;
                    final int cc = c;
                    rows[y][x][c] = round(sample(in.width(), target.width(), x, i -> in.get(yy, i, cc)));
                }
            }
        }
        byte[] out = new byte[target.height() * target.width() * 3];
        for (int y = 0; y < target.height(); y++) {
            for (int x = 0; x < target.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    final int xx = x;
                    final int cc = c;
                    out[(y * target.width() + x) * 3 + c] =
                            (byte) round(sample(in.height(), target.height(), y, i -> rows[i][xx][cc]));
                }
            }
        }
        return new RgbImage(target.height(), target.width(), out);
    }

    private static double sample(int inSize, int outSize, int o, java.util.function.IntToDoubleFunction source) {
        double scale = (double) inSize / outSize;
        double widen = Math.max(1.0, scale);
        double centre = (o + 0.5) * scale; // in source pixel units; pixel i has its centre at i + 0.5
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < inSize; i++) {
            double w = kernel((i + 0.5 - centre) / widen);
            total += w;
            weighted += w * source.applyAsDouble(i);
        }
        return weighted / total;
    }

    private static double kernel(double t) {
        double x = Math.abs(t);
        if (x < 1) {
            return 1.5 * x * x * x - 2.5 * x * x + 1;
        }
        if (x < 2) {
            return -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2;
        }
        return 0;
    }

    private static int round(double v) {
        return (int) Math.max(0, Math.min(255, Math.floor(v + 0.5)));
    }
}
