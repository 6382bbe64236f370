package io.sparkinfer.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType).add("Text",
            DataTypes.StringType).add("lang", DataTypes.StringType).add("tags", DataTypes.createArrayType(
                    DataTypes.StringType));

    private static InternalRow row(long id, String text, String lang) {
        return new GenericInternalRow(new Object[] {id, text == null ? null : UTF8String.fromString(text),
            UTF8String.fromString(lang), null});
    }

    @Test
    void rendersColumnsLiteralsAndEscapedBraces() {
        PromptTemplate t = PromptTemplate.parse("prompt", "{{#{id}}} Translate to {lang}: {text}!").bind("prompt",
                SCHEMA);
        assertEquals("{#7} Translate to fr: bonjour!", t.render(row(7, "bonjour", "fr")));
        assertEquals(List.of("id", "lang", "text"), List.copyOf(t.columns()));
    }

    @Test
    void aNullColumnGivesNoPrompt() {
        PromptTemplate t = PromptTemplate.parse("prompt", "Q: {text}").bind("prompt", SCHEMA);
        assertNull(t.render(row(1, null, "en")));
    }

    @Test
    void aTemplateWithoutColumnsIsItsText() {
        PromptTemplate t = PromptTemplate.parse("prompt", "plain {{text}}").bind("prompt", SCHEMA);
        assertEquals("plain {text}", t.render(row(1, "x", "en")));
        assertTrue(t.columns().isEmpty());
    }

    @Test
    void badTemplatesSayWhereAndHowToFixThem() {
        String open = assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("prompt", "a {b"))
                .getMessage();
        assertTrue(open.contains("'{' at 3") && open.contains("{{"), open);
        String close = assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("prompt", "a } b"))
                .getMessage();
        assertTrue(close.contains("'}' at 3") && close.contains("}}"), close);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> PromptTemplate.parse("prompt", "{body}").bind("prompt", SCHEMA)).getMessage();
        assertTrue(missing.contains("'body'") && missing.contains("id, Text, lang, tags"), missing);
        String type = assertThrows(IllegalArgumentException.class,
                () -> PromptTemplate.parse("prompt", "{tags}").bind("prompt", SCHEMA)).getMessage();
        assertTrue(type.contains("array<string>"), type);
    }
}
