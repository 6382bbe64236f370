package io.sparkinfer.engine.vision.preprocess;

/** An image's size in pixels, height first as in HF's {@code (height, width)} tuples. */
public record ImageSize(int height, int width) {

    public ImageSize {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size H=" + height + " x W=" + width
                    + " must be positive on both sides");
        }
    }

    public long pixels() {
        return (long) height * width;
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
