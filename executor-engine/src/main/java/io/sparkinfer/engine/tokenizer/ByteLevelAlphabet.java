package io.sparkinfer.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's byte-to-unicode mapping used by byte-level BPE: each of the 256 byte values is written as one
 * printable character, so a vocabulary of strings covers any UTF-8 input. Printable Latin-1 bytes stand for
 * themselves; the other 68 bytes (controls, space, 0x7F-0xA0, 0xAD) map to U+0100 onwards, in byte order
 * (so the space byte becomes {@code Ġ}).
 */
final class ByteLevelAlphabet {

    /** The symbol of each byte value, indexed by the unsigned byte. */
    private static final String[] SYMBOL_OF_BYTE = new String[256];
    /** Byte values in vocabulary order: printable ones first, then the remapped ones (Qwen's ids 0..255). */
    private static final List<Integer> VOCAB_ORDER;

    static {
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            if (isPrintable(b)) {
                order.add(b);
                SYMBOL_OF_BYTE[b] = String.valueOf((char) b);
            }
        }
        int next = 256;
        for (int b = 0; b < 256; b++) {
            if (!isPrintable(b)) {
                order.add(b);
                SYMBOL_OF_BYTE[b] = String.valueOf((char) next++);
            }
        }
        VOCAB_ORDER = List.copyOf(order);
    }

    private ByteLevelAlphabet() {}

    private static boolean isPrintable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    /** The 256 single-byte symbols in vocabulary order. */
    static List<String> symbolsInVocabOrder() {
        List<String> out = new ArrayList<>(256);
        for (int b : VOCAB_ORDER) {
            out.add(SYMBOL_OF_BYTE[b]);
        }
        return out;
    }

    /** The UTF-8 bytes of {@code text}, one symbol each. */
    static List<String> symbols(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            out.add(SYMBOL_OF_BYTE[b & 0xFF]);
        }
        return out;
    }
}
