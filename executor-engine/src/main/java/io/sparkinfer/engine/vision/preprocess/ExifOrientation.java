package io.sparkinfer.engine.vision.preprocess;

/**
 * Turns a stored image upright according to its EXIF orientation (1..8), as Pillow's
 * {@code ImageOps.exif_transpose} does before HF's processor sees it: 2 mirror left-right, 3 rotate 180,
 * 4 mirror top-bottom, 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise.
 */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static RgbImage apply(RgbImage in, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("[BUG] EXIF orientation " + orientation + " is not 1..8");
        }
        if (orientation == 1) {
            return in;
        }
        int h = in.height();
        int w = in.width();
        boolean swaps = orientation >= 5;
        int outH = swaps ? w : h;
        int outW = swaps ? h : w;
        byte[] src = in.pixels();
        byte[] dst = new byte[src.length];
        for (int r = 0; r < outH; r++) {
            for (int c = 0; c < outW; c++) {
                int sr;
                int sc;
                switch (orientation) {
                    case 2 -> { sr = r; sc = w - 1 - c; }
                    case 3 -> { sr = h - 1 - r; sc = w - 1 - c; }
                    case 4 -> { sr = h - 1 - r; sc = c; }
                    case 5 -> { sr = c; sc = r; }
                    case 6 -> { sr = h - 1 - c; sc = r; }
                    case 7 -> { sr = h - 1 - c; sc = w - 1 - r; }
                    default -> { sr = c; sc = w - 1 - r; } // 8
                }
                System.arraycopy(src, (sr * w + sc) * 3, dst, (r * outW + c) * 3, 3);
            }
        }
        return new RgbImage(outH, outW, dst);
    }
}
