package dev.jetway.core.server;

import java.io.IOException;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty itself produces (bad requests, upstream failures) as one plain-text line, like the gateway's own. */
final class PlainTextErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        PlainText.send(response, callback, code, message + "\n");
    }
}
