package dev.jetway.plugin.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.jsonrpc.LogText;
import dev.jetway.plugin.mcp.mux.Multiplexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back: what a session's targets send (answers, their own requests of the client, notifications) reaches the
 * client on the stream it belongs on. {@link McpSession} is the way out.
 */
final class TargetMessages {

    private static final Logger LOG = LoggerFactory.getLogger(TargetMessages.class);

    private final String sessionName;
    /** Qualifies what targets send with their names; {@code null} when one target is passed through. */
    private final Multiplexer multiplexer;
    private final PendingCalls pending;
    private final ServerRequests serverRequests;
    private final ClientStreams streams;

    TargetMessages(String sessionName, Multiplexer multiplexer, PendingCalls pending, ServerRequests serverRequests,
                   ClientStreams streams) {
        this.sessionName = sessionName;
        this.multiplexer = multiplexer;
        this.pending = pending;
        this.serverRequests = serverRequests;
        this.streams = streams;
    }

    /** @param relatedTo the upstream id of the request the transport says the message belongs to, or {@code null} */
    void received(Link link, ObjectNode message, JsonNode relatedTo) {
        JsonRpc.Kind kind = JsonRpc.kind(message);
        if (multiplexer != null && (kind == JsonRpc.Kind.REQUEST || kind == JsonRpc.Kind.NOTIFICATION)) {
            multiplexer.fromTarget(link.name(), message);
        }
        switch (kind) {
            case RESPONSE -> {
                if (!pending.answered(message)) {
                    LOG.debug("MCP session {}: target \"{}\" answered id {}, which is no longer awaited", sessionName,
                            link.name(), message.get("id"));
                }
            }
            case REQUEST -> deliver(serverRequests.toClient(link, message), related(relatedTo));
            case NOTIFICATION -> notification(link, message, relatedTo);
            case INVALID -> LOG.warn("MCP session {}: target \"{}\" sent a message that is not JSON-RPC 2.0: {}", sessionName,
                    link.name(), LogText.abbreviated(message.toString()));
        }
    }

    private void notification(Link link, ObjectNode message, JsonNode relatedTo) {
        String method = JsonRpc.method(message);
        ObjectNode params = JsonRpc.params(message);
        PendingCall about = null;
        if (method.equals("notifications/progress") && params != null) {
            about = pending.progressed(link, params.get("progressToken"));
        } else if (method.equals("notifications/cancelled") && params != null) {
            // The target withdraws a request it made of the client: the client knows it under the gateway's id.
            String id = serverRequests.gatewayId(link, params.get("requestId"));
            if (id == null) {
                LOG.debug("MCP session {}: target \"{}\" cancelled {}, which the client is not handling", sessionName,
                        link.name(), params.get("requestId"));
                return;
            }
            params.put("requestId", id);
        }
        deliver(message, about != null ? about.exchange : related(relatedTo));
    }

    private ClientExchange related(JsonNode upstreamId) {
        PendingCall call = upstreamId == null ? null : pending.byUpstreamId(upstreamId);
        return call == null ? null : call.exchange;
    }

    /**
     * To the request it relates to if that is still open; else on the standalone stream; else, rather than keeping a
     * target waiting on a client without a stream, on the response stream of the latest request in flight.
     */
    private void deliver(ObjectNode message, ClientExchange exchange) {
        if (exchange != null && exchange.message(message) || streams.send(message)) {
            return;
        }
        PendingCall latest = pending.latestWithExchange();
        if (latest == null || !latest.exchange.message(message)) {
            streams.keep(message, sessionName);
        }
    }
}
