package dev.jetway.plugin.mcp.remote;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Parses a {@code text/event-stream} as its bytes arrive (the WHATWG rules: lines end in LF, CRLF or CR; a blank
 * line dispatches; comments are skipped). Lines are decoded whole, so UTF-8 characters split across chunks survive.
 */
final class SseParser {

    /** Receives each dispatched event. */
    @FunctionalInterface
    interface Handler {
        /** @param name the {@code event} field, {@code message} when there was none */
        void event(String name, String data);
    }

    private final Handler handler;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private String name;
    private boolean hasData;
    private boolean afterCarriageReturn;

    SseParser(Handler handler) {
        this.handler = handler;
    }

    void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private void line(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + (colon + 1 < text.length() && text.charAt(colon + 1) == ' ' ? 2 : 1));
        if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        } else if (field.equals("event")) {
            name = value;
        }
    }

    private void dispatch() {
        if (hasData) {
            handler.event(name == null || name.isEmpty() ? "message" : name, data.toString());
        }
        data.setLength(0);
        hasData = false;
        name = null;
    }
}
