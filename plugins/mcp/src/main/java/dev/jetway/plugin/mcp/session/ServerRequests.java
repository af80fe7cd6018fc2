package dev.jetway.plugin.mcp.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Requests targets make of the client (sampling, elicitation, roots, ping). Each reaches the client under an id of
 * the gateway's, since two targets may use the same ids; the client's reply is sent back to the target that asked,
 * under that target's own id.
 */
final class ServerRequests {

    /** Where a client's reply goes. */
    record Origin(Link link, JsonNode id) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Origin> open = new ConcurrentHashMap<>();

    /** Gives {@code request} (from {@code link}) the gateway's id, which the client will answer to. */
    ObjectNode toClient(Link link, ObjectNode request) {
        String id = "jetway-" + ids.incrementAndGet();
        open.put(id, new Origin(link, request.get("id")));
        request.set("id", TextNode.valueOf(id));
        return request;
    }

    /** Where the client's reply goes, with its id set back to the target's; {@code null} when nothing asked it. */
    Origin fromClient(ObjectNode response) {
        JsonNode id = response.get("id");
        Origin origin = id == null || !id.isTextual() ? null : open.remove(id.asText());
        if (origin != null) {
            response.set("id", origin.id());
        }
        return origin;
    }

    /**
     * The gateway's id for a request {@code link} made, for a {@code notifications/cancelled} it sends about it;
     * {@code null} when the request is not open.
     */
    String gatewayId(Link link, JsonNode upstreamId) {
        for (Map.Entry<String, Origin> entry : open.entrySet()) {
            if (entry.getValue().link() == link && entry.getValue().id().equals(upstreamId)) {
                open.remove(entry.getKey());
                return entry.getKey();
            }
        }
        return null;
    }
}
