package io.sparkinfer.engine.vision.preprocess;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few JPEG header facts the decoder needs by walking marker segments up to the scan data:
 * the EXIF orientation (APP1 "Exif" TIFF block, IFD0 tag 0x0112) and the frame's component count.
 * Malformed or truncated headers give the neutral answers (orientation 1, count 0), never an exception.
 */
final class JpegMarkers {

    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegMarkers() {
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    /** The EXIF orientation 1..8, or 1 (as stored) when there is none or it is invalid. */
    static int exifOrientation(byte[] b) {
        for (int pos = firstSegment(b); pos >= 0; pos = nextSegment(b, pos)) {
            int marker = b[pos + 1] & 0xFF;
            int length = u16(b, pos + 2, false);
            if (marker == APP1 && length >= 2 + EXIF_HEADER.length && startsWith(b, pos + 4, EXIF_HEADER)) {
                int orientation = tiffOrientation(b, pos + 4 + EXIF_HEADER.length, pos + 2 + length);
                if (orientation != 0) {
                    return orientation;
                }
            }
        }
        return 1;
    }

    /** Components in the first SOFn frame header (3 = YCbCr/RGB, 4 = CMYK/YCCK), or 0 if none is found. */
    static int componentCount(byte[] b) {
        for (int pos = firstSegment(b); pos >= 0; pos = nextSegment(b, pos)) {
            int marker = b[pos + 1] & 0xFF;
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame && u16(b, pos + 2, false) >= 8) {
                return b[pos + 9] & 0xFF;
            }
        }
        return 0;
    }

    private static int firstSegment(byte[] b) {
        return isJpeg(b) ? validSegment(b, 2) : -1;
    }

    private static int nextSegment(byte[] b, int pos) {
        return validSegment(b, pos + 2 + u16(b, pos + 2, false));
    }

    /** {@code pos} if a whole marker segment with a length field starts there before the scan, else -1. */
    private static int validSegment(byte[] b, int pos) {
        while (pos + 1 < b.length && (b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) == 0xFF) {
            pos++; // fill bytes
        }
        if (pos + 4 > b.length || (b[pos] & 0xFF) != 0xFF) {
            return -1;
        }
        int marker = b[pos + 1] & 0xFF;
        if (marker == SOS || marker == EOI) {
            return -1;
        }
        int length = u16(b, pos + 2, false);
        return length >= 2 && pos + 2 + length <= b.length ? pos : -1;
    }

    /** IFD0's orientation in the TIFF block {@code [start, end)}, or 0 if absent or invalid. */
    private static int tiffOrientation(byte[] b, int start, int end) {
        if (end - start < 8) {
            return 0;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        if (u16(b, start + 2, little) != 42) {
            return 0;
        }
        long ifd = start + u32(b, start + 4, little);
        if (ifd + 2 > end) {
            return 0;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 0;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                int type = u16(b, entry + 2, little);
                int value = type == 3 ? u16(b, entry + 8, little) : 0; // SHORT, stored in the value field
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static boolean startsWith(byte[] b, int pos, byte[] prefix) {
        if (pos + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int pos, boolean little) {
        int hi = b[little ? pos + 1 : pos] & 0xFF;
        int lo = b[little ? pos : pos + 1] & 0xFF;
        return hi << 8 | lo;
    }

    private static long u32(byte[] b, int pos, boolean little) {
        long high = u16(b, little ? pos + 2 : pos, little);
        long low = u16(b, little ? pos : pos + 2, little);
        return high << 16 | low;
    }
}
