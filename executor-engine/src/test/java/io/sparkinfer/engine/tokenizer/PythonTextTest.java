package io.sparkinfer.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PythonTextTest {

    @Test
    void floatReprMatchesPython() {
        // Expected strings are CPython's repr() of the same doubles.
        assertEquals("0.1", PythonText.floatRepr(0.1));
        assertEquals("1.0", PythonText.floatRepr(1.0));
        assertEquals("-0.0", PythonText.floatRepr(-0.0));
        assertEquals("1e+16", PythonText.floatRepr(1e16));
        assertEquals("1000000000000000.0", PythonText.floatRepr(1e15));
        assertEquals("123456789012345.6", PythonText.floatRepr(123456789012345.6));
        assertEquals("0.0001", PythonText.floatRepr(1e-4));
        assertEquals("1e-05", PythonText.floatRepr(1e-5));
        assertEquals("1.5e-05", PythonText.floatRepr(1.5e-5));
        assertEquals("-2.5e+20", PythonText.floatRepr(-2.5e20));
        assertEquals("5e-324", PythonText.floatRepr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PythonText.floatRepr(Double.MAX_VALUE));
        assertEquals("0.30000000000000004", PythonText.floatRepr(0.1 + 0.2));
        assertEquals("100.0", PythonText.floatRepr(100.0));
        assertEquals("0.3333333333333333", PythonText.floatRepr(1.0 / 3));
        assertEquals("9007199254740992.0", PythonText.floatRepr(9007199254740992.0));
        assertEquals("1e+22", PythonText.floatRepr(1e22));
        assertEquals("1e+23", PythonText.floatRepr(1e23));
    }

    @Test
    void stripUsesPythonWhitespace() {
        assertEquals("x y", PythonText.strip("\u3000\u00a0\u0085\u001c\u2028 x y\t\n\u2003\u205f"));
        assertEquals("\u200bx", PythonText.strip("\u200bx "), "zero-width space is not whitespace in Python");
        assertEquals("", PythonText.strip(" \n\t "));
        assertEquals("a\n b", PythonText.strip("\n\na\n b\n", '\n'));
        assertEquals(" a\n", PythonText.lstrip("\n\n a\n", '\n'));
        assertEquals("\n a", PythonText.rstrip("\n a\n\n", '\n'));
    }

    @Test
    void splitHelpersFollowPythonSplit() {
        assertEquals("a", PythonText.beforeFirst("a</think>b</think>c", "</think>"));
        assertEquals("c", PythonText.afterLast("a</think>b</think>c", "</think>"));
        assertEquals("abc", PythonText.afterLast("abc", "</think>"));
    }

    @Test
    void jsonDumpsMatchesPythonDefaults() throws Exception {
        JsonNode value = new ObjectMapper().readTree("{\"b\": [1, 2.50, true, null, -0.0], \"a\": {\"é\": \"q\\\"\\\\\\n\\u0001\\u007f😀\"},"
                + " \"big\": 12345678901234567890, \"e\": 1E-7, \"empty\": {}, \"none\": []}");
        assertEquals("{\"b\": [1, 2.5, true, null, -0.0], \"a\": {\"é\": \"q\\\"\\\\\\n\\u0001\u007f😀\"},"
                + " \"big\": 12345678901234567890, \"e\": 1e-07, \"empty\": {}, \"none\": []}", PythonJson.dumps(value));
    }

    @Test
    void strOfScalarsMatchesPython() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("True", PythonText.str(json.readTree("true")));
        assertEquals("None", PythonText.str(json.readTree("null")));
        assertEquals("3", PythonText.str(json.readTree("3")));
        assertEquals("3.0", PythonText.str(json.readTree("3.0")));
        assertEquals("1e-07", PythonText.str(json.readTree("1e-7")));
        assertEquals("text", PythonText.str(json.readTree("\"text\"")));
    }
}
