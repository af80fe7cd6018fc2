package dev.jetway.plugin.jwtauth.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** An upstream's handler that answers with the {@code Authorization} header it received, or {@code none}. */
public final class HeaderEcho extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        response.write(true, ByteBuffer.wrap(("authorization=" + (authorization == null ? "none" : authorization))
                .getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
