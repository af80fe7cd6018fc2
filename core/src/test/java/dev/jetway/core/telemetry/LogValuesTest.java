package dev.jetway.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LogValuesTest {

    @Test
    void longValuesAreCutWithAnEllipsisNeverInsideASurrogatePair() {
        String text = "a".repeat(300);
        assertEquals("a".repeat(256) + "…", LogValues.cap(text));
        assertSame(text.substring(0, 256).intern(), LogValues.cap(text.substring(0, 256).intern()));
        String emoji = "a".repeat(255) + "\uD83D\uDE00" + "b";
        assertEquals("a".repeat(255) + "…", LogValues.cap(emoji));
    }

    @Test
    void controlCharactersAndLineSeparatorsAreEscaped() {
        assertEquals("a\\r\\nb\\tc\\u0000d\\u007fe\\u0085f\\u2028g\\u2029h\\\\n", LogValues.escapeControls(
                "a\r\nb\tc\u0000d\u007fe\u0085f\u2028g\u2029h\\n"));
        String clean = "plain text: é ü 中文";
        assertSame(clean, LogValues.escapeControls(clean));
    }

    @Test
    void structuredValuesAreLoggedAsCappedJsonTextAndScalarsAsTheyAre() {
        assertEquals("{\"a\":[1,2]}", LogValues.bounded(Map.of("a", List.of(1L, 2L))));
        assertEquals(42L, LogValues.bounded(42L));
        assertEquals(true, LogValues.bounded(true));
        assertEquals("aGk=", LogValues.bounded("hi".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
