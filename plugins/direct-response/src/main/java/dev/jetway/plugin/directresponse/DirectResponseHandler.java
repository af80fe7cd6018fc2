package dev.jetway.plugin.directresponse;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers every request with a fixed status and body, without calling the handlers it wraps. */
final class DirectResponseHandler extends Handler.Wrapper {

    private final int status;
    private final byte[] body;

    DirectResponseHandler(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
