package io.sparkinfer.engine.vision.preprocess;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encoded test images built in memory with the JDK's ImageIO writers, plus a hand-made EXIF APP1. */
final class TestEncodings {

    private TestEncodings() {
    }

    static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE};
        for (int q = 0; q < 4; q++) {
            g.setColor(colors[q]);
            g.fillRect(q % 2 * width / 2, q / 2 * height / 2, width / 2, height / 2);
        }
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    static byte[] animatedGif(BufferedImage... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            // The JDK's GIF writer garbles interlaced images 2-4 rows high, so write them progressive-free.
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code jpeg} with an APP1 Exif segment holding only IFD0 tag 0x0112 inserted after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(littleEndian ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        writeU16(tiff, 42, littleEndian);
        writeU32(tiff, 8, littleEndian); // IFD0 right after this 8-byte header
        writeU16(tiff, 1, littleEndian); // one entry
        writeU16(tiff, 0x0112, littleEndian); // Orientation
        writeU16(tiff, 3, littleEndian); // SHORT
        writeU32(tiff, 1, littleEndian); // count
        writeU16(tiff, orientation, littleEndian); // value, left-justified in the 4-byte field
        writeU16(tiff, 0, littleEndian);
        writeU32(tiff, 0, littleEndian); // no next IFD
        byte[] body = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        int length = 2 + 6 + body.length;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void writeU16(ByteArrayOutputStream out, int v, boolean little) {
        out.write(little ? v & 0xFF : v >> 8 & 0xFF);
        out.write(little ? v >> 8 & 0xFF : v & 0xFF);
    }

    private static void writeU32(ByteArrayOutputStream out, long v, boolean little) {
        writeU16(out, (int) (little ? v & 0xFFFF : v >> 16 & 0xFFFF), little);
        writeU16(out, (int) (little ? v >> 16 & 0xFFFF : v & 0xFFFF), little);
    }
}
