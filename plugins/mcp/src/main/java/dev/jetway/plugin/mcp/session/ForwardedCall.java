package dev.jetway.plugin.mcp.session;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client request passed to one target: the answer goes back under the client's id, its result rewritten as the
 * multiplexer says (names qualified with the target), or the failure as a JSON-RPC error naming the target.
 */
final class ForwardedCall implements PendingCall.Completion {

    private final McpSession session;
    private final Link link;
    private final JsonNode clientId;
    private final ClientExchange exchange;
    private final UnaryOperator<ObjectNode> rewrite;
    private final boolean initialize;

    ForwardedCall(McpSession session, Link link, JsonNode clientId, ClientExchange exchange, UnaryOperator<ObjectNode> rewrite,
                  boolean initialize) {
        this.session = session;
        this.link = link;
        this.clientId = clientId;
        this.exchange = exchange;
        this.rewrite = rewrite;
        this.initialize = initialize;
    }

    @Override
    public void answered(ObjectNode response) {
        response.set("id", clientId);
        if (response.get("result") instanceof ObjectNode result) {
            rewrite.apply(result);
            if (initialize) {
                session.negotiated(result.path("protocolVersion").asText(null));
            }
        }
        exchange.respond(response);
    }

    @Override
    public void failed(int code, String reason) {
        exchange.respond(session.targetError(clientId, code, link, reason));
    }
}
