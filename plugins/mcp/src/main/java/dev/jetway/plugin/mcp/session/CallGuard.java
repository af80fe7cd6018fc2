package dev.jetway.plugin.mcp.session;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.mux.Naming;

/**
 * Refuses calls to tools, prompts and resources a client may not use. The refusal says the item is unknown, as it is
 * to this client (agentgateway does the same), so that rules do not reveal what they hide.
 */
final class CallGuard {

    private CallGuard() {
    }

    /** The error to answer {@code request} with, or empty when it may go on. */
    static Optional<ObjectNode> refusal(ObjectNode request, String method, SessionSettings settings, McpAccess access) {
        if (access == McpAccess.ALL) {
            return Optional.empty();
        }
        ObjectNode params = JsonRpc.params(request);
        String item;
        String name;
        switch (method) {
            case "tools/call" -> {
                item = "tool";
                name = params == null ? null : params.path("name").asText(null);
            }
            case "prompts/get" -> {
                item = "prompt";
                name = params == null ? null : params.path("name").asText(null);
            }
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> {
                item = "resource";
                name = params == null ? null : params.path("uri").asText(null);
            }
            default -> {
                return Optional.empty();
            }
        }
        Optional<Naming.Qualified> target = settings.split(name, item.equals("resource"));
        if (target.isEmpty() || access.allows(item, target.get().target(), target.get().local())) {
            return Optional.empty(); // a name of no target is refused by the multiplexer, as it is for everyone
        }
        return Optional.of(JsonRpc.error(request.get("id"), JsonRpc.INVALID_PARAMS, "Unknown " + item + ": " + name));
    }
}
