package dev.jetway.plugin.mcp.front;

import java.util.function.Consumer;

import dev.jetway.api.http.BodyPrefix;
import dev.jetway.plugin.mcp.jsonrpc.Incoming;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * The JSON-RPC messages of a POST body, or the answer that refuses it: 413 past the size limit, 400 with a JSON-RPC
 * parse or invalid-request error, or for a batch larger than allowed (each message of a batch is a request to the
 * targets: a batch of thousands would queue that many upstream calls at once).
 */
final class IncomingBody {

    private IncomingBody() {
    }

    /** Calls {@code received} with the body's messages; otherwise the request has been answered. */
    static void read(Request request, Response response, Callback callback, FrontSettings settings, Consumer<Incoming> received) {
        int limit = settings.maxBodyBytes();
        if (request.getLength() > limit) {
            tooLarge(response, callback, limit);
            return;
        }
        BodyPrefix.read(request, limit, Promise.from(body -> {
            if (!body.complete()) {
                tooLarge(response, callback, limit);
                return;
            }
            Incoming incoming;
            try {
                incoming = Incoming.parse(body.toArray());
            } catch (Incoming.Invalid e) {
                HttpReplies.json(response, callback, 400, e.error());
                return;
            }
            if (incoming.size() > settings.maxBatchSize()) {
                HttpReplies.error(response, callback, 400, JsonRpc.INVALID_REQUEST, "Invalid Request: a batch may hold at most "
                        + settings.maxBatchSize() + " messages, this one holds " + incoming.size());
                return;
            }
            received.accept(incoming);
        }, callback::failed));
    }

    private static void tooLarge(Response response, Callback callback, int limit) {
        HttpReplies.error(response, callback, 413, JsonRpc.INVALID_REQUEST, "Request body too large: the limit is " + limit + " bytes");
    }
}
