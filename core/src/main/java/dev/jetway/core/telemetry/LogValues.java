package dev.jetway.core.telemetry;

import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Field values as logs and spans carry them. Many come from clients (paths, headers, MCP method names), so each is
 * bounded: text is cut at {@value #MAX_LENGTH} characters with an ellipsis, and {@link #escapeControls} writes
 * control characters as escapes, so that no value can start a new line or forge fields.
 */
public final class LogValues {

    /** The most characters of one value that are logged. */
    public static final int MAX_LENGTH = 256;

    /** Marks a value that was cut. */
    public static final String ELLIPSIS = "…";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogValues() {
    }

    /** A value as a log field: numbers and booleans as they are, anything else as capped text. */
    public static Object bounded(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return cap(text(value));
    }

    /** A value as text: strings as they are, lists and maps as JSON, bytes in base64. */
    public static String text(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    /** At most {@value #MAX_LENGTH} characters of {@code text}, never half a surrogate pair, ending in an ellipsis when cut. */
    public static String cap(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return text.substring(0, end) + ELLIPSIS;
    }

    /**
     * Control characters (C0, DEL, C1) and the Unicode line and paragraph separators written as {@code \n},
     * {@code \r}, {@code \t} or {@code \}{@code uXXXX}; backslashes doubled, so that escapes stay unambiguous.
     */
    public static String escapeControls(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = needsEscape(c) || c == '\\' ? escape(c) : null;
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** Characters that may end a line in some reader of the log. */
    public static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
