package dev.jetway.core.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/** Go-style durations as agentgateway writes them: {@code 100ms}, {@code 1s}, {@code 3m0s}, {@code 1h30m}. */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message fit for users */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("negative duration \"" + text + "\" is not allowed");
        }
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int end = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (m.find() && m.start() == end) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            end = m.end();
        }
        if (end == 0 || end != s.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\"; write a number with a unit (ns, us, ms, s, m, h), such as 500ms, 10s or 1h30m");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /** Binds Go-style strings into {@link Duration} fields of config records. */
    static final class Deserializer extends StdScalarDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, e.getMessage(), p.getText(), Duration.class);
            }
        }
    }
}
