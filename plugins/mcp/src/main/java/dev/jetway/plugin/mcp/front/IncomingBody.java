package dev.jetway.plugin.mcp.front;

import java.util.function.Consumer;

import dev.jetway.plugin.mcp.jsonrpc.Incoming;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The JSON-RPC messages of a POST body, or the answer that refuses it: 413 past the size limit, 400 with a JSON-RPC
 * parse or invalid-request error.
 */
final class IncomingBody {

    private IncomingBody() {
    }

    /** Calls {@code received} with the body's messages; otherwise the request has been answered. */
    static void read(Request request, Response response, Callback callback, int limit, Consumer<Incoming> received) {
        BodyReader.read(request, limit, new BodyReader.Outcome() {
            @Override
            public void read(byte[] body) {
                Incoming incoming;
                try {
                    incoming = Incoming.parse(body);
                } catch (Incoming.Invalid e) {
                    HttpReplies.json(response, callback, 400, e.error());
                    return;
                }
                received.accept(incoming);
            }

            @Override
            public void tooLarge() {
                HttpReplies.error(response, callback, 413, JsonRpc.INVALID_REQUEST,
                        "Request body too large: the limit is " + limit + " bytes");
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }
        });
    }
}
