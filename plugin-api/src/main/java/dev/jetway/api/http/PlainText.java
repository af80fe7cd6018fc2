package dev.jetway.api.http;

import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers with a short plain-text body, as the gateway does for its own errors. */
public final class PlainText {

    private PlainText() {
    }

    /** Sets {@code status}, writes {@code text} as {@code text/plain; charset=utf-8} and completes {@code callback}. */
    public static void send(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.TEXT_PLAIN_UTF_8.asString());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
