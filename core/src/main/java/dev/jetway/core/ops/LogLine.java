package dev.jetway.core.ops;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jetway.core.config.GlobalSettings.LogFormat;
import dev.jetway.core.telemetry.LogValues;

/**
 * One access log line, JSON or logfmt, from fields whose values may come from clients: every value is bounded
 * ({@link LogValues#bounded}) and control characters are escaped in both formats, so a value never starts a new line.
 */
final class LogLine {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        // Jackson escapes C0 controls itself; C1 controls and U+2028/U+2029 end lines for some readers too.
        JSON.getFactory().setCharacterEscapes(new CharacterEscapes() {
            private final int[] ascii = standardAsciiEscapesForJSON();

            @Override
            public int[] getEscapeCodesForAscii() {
                return ascii;
            }

            @Override
            public SerializableString getEscapeSequence(int ch) {
                return ch <= 0xffff && LogValues.needsEscape((char) ch)
                        ? new SerializedString(String.format("\\u%04x", ch)) : null;
            }
        });
    }

    private LogLine() {
    }

    static String format(LogFormat format, Map<String, Object> fields) throws JsonProcessingException {
        fields.replaceAll((name, value) -> LogValues.bounded(value));
        return format == LogFormat.JSON ? JSON.writeValueAsString(fields) : logfmt(fields);
    }

    /** {@code key=value} pairs; values with spaces, quotes, equals signs or escapes quoted. */
    private static String logfmt(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder(256);
        fields.forEach((key, value) -> {
            if (line.length() > 0) {
                line.append(' ');
            }
            String text = LogValues.escapeControls(value.toString());
            line.append(LogValues.escapeControls(key)).append('=');
            if (text.isEmpty() || text.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\')) {
                line.append('"').append(text.replace("\"", "\\\"")).append('"');
            } else {
                line.append(text);
            }
        });
        return line.toString();
    }
}
