package dev.jetway.plugin.mcp.mux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;

import static java.util.Objects.requireNonNull;

/**
 * Decides where a client request goes when the gateway multiplexes: calls route by the target in the name, URI or
 * task id (which is stripped on the way), lists and {@code initialize} fan out and merge, {@code ping} is answered
 * here. Methods that carry no target cannot be routed and are refused by name. What targets send the client is
 * qualified the same way ({@link #fromTarget}).
 */
public final class Multiplexer {

    private final Naming naming;
    private final ObjectNode serverInfo;

    /** @param serverInfo what the gateway says it is in a merged {@code initialize} result */
    public Multiplexer(Naming naming, ObjectNode serverInfo) {
        this.naming = requireNonNull(naming, "naming");
        this.serverInfo = requireNonNull(serverInfo, "serverInfo");
    }

    public Naming naming() {
        return naming;
    }

    /** @param request a client request, which the plan may reuse and change */
    public Plan plan(ObjectNode request) {
        String method = JsonRpc.method(request);
        ObjectNode params = JsonRpc.params(request);
        Optional<ListKind> list = ListKind.of(method);
        if (list.isPresent()) {
            return list(ListMerger.of(list.get(), naming), request, params);
        }
        return switch (method) {
            case "initialize" -> new Plan.FanOut(copies(request), new InitializeMerger(serverInfo), false);
            case "ping" -> new Plan.Answer(JsonRpc.object());
            case "logging/setLevel" -> new Plan.FanOut(copies(request), results -> JsonRpc.object(), true);
            case "tools/call" -> byName(request, params, "name", "tool");
            case "prompts/get" -> byName(request, params, "name", "prompt");
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> byUri(request, params, params);
            case "completion/complete" -> completion(request, params);
            case "tasks/get", "tasks/result", "tasks/cancel" -> byTaskId(request, params);
            case "tasks/list" -> list(ListMerger.tasks(naming), request, params);
            default -> new Plan.Reject(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method
                    + " (the gateway cannot tell which of its MCP targets " + naming.targets() + " should answer it)");
        };
    }

    /**
     * A target's request or notification on its way to the client: resource URIs and task ids in it are qualified
     * with the target. Requests for {@code tasks/*} that a target makes of the client name the client's own tasks
     * and stay as they are.
     */
    public void fromTarget(String target, ObjectNode message) {
        String method = JsonRpc.method(message);
        ObjectNode params = JsonRpc.params(message);
        if (params == null || method.startsWith("tasks/")) {
            return;
        }
        if (method.equals("notifications/resources/updated") && params.path("uri").isTextual()) {
            params.put("uri", naming.uri(target, params.get("uri").asText()));
        } else if (method.equals("notifications/tasks/status")) {
            TaskIds.qualify(params, target, naming);
        }
        TaskIds.qualifyRelated(params, target, naming);
    }

    private Plan list(ListMerger merger, ObjectNode request, ObjectNode params) {
        String cursor = params == null ? null : params.path("cursor").asText(null);
        if (cursor == null) {
            return new Plan.FanOut(copies(request), merger, true);
        }
        Map<String, String> positions;
        try {
            positions = FanOutCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            return new Plan.Reject(JsonRpc.INVALID_PARAMS, e.getMessage());
        }
        Map<String, ObjectNode> requests = new LinkedHashMap<>();
        for (String target : naming.targets()) {
            String position = positions.get(target);
            if (position != null) {
                ObjectNode copy = request.deepCopy();
                ((ObjectNode) copy.get("params")).put("cursor", position);
                requests.put(target, copy);
            }
        }
        if (requests.isEmpty()) {
            return new Plan.Reject(JsonRpc.INVALID_PARAMS, "Invalid cursor: it names none of the targets " + naming.targets());
        }
        return new Plan.FanOut(requests, merger, true);
    }

    private Plan byName(ObjectNode request, ObjectNode params, String field, String what) {
        String qualified = params == null ? null : params.path(field).asText(null);
        Optional<Naming.Qualified> split = naming.splitName(qualified);
        if (split.isEmpty()) {
            return new Plan.Reject(JsonRpc.INVALID_PARAMS, "Unknown " + what + ": " + qualified + " (names are <target>_<name>"
                    + " with a target among " + naming.targets() + ")");
        }
        params.put(field, split.get().local());
        return forward(split.get().target(), request);
    }

    private Plan byUri(ObjectNode request, ObjectNode params, ObjectNode holder) {
        String qualified = holder == null ? null : holder.path("uri").asText(null);
        Optional<Naming.Qualified> split = naming.splitUri(qualified);
        if (split.isEmpty()) {
            return new Plan.Reject(JsonRpc.INVALID_PARAMS, "Unknown resource: " + qualified + " (URIs are <target>+<uri>"
                    + " with a target among " + naming.targets() + ")");
        }
        holder.put("uri", split.get().local());
        return forward(split.get().target(), request);
    }

    private Plan byTaskId(ObjectNode request, ObjectNode params) {
        String qualified = params == null ? null : params.path("taskId").asText(null);
        Optional<Naming.Qualified> split = naming.splitTaskId(qualified);
        if (split.isEmpty()) {
            return new Plan.Reject(JsonRpc.INVALID_PARAMS, "Unknown task: " + qualified + " (task ids are <target>+<taskId>"
                    + " with a target among " + naming.targets() + ")");
        }
        params.put("taskId", split.get().local());
        return forward(split.get().target(), request);
    }

    /** {@code completion/complete} names a prompt or a resource in {@code ref}. */
    private Plan completion(ObjectNode request, ObjectNode params) {
        JsonNode ref = params == null ? null : params.get("ref");
        if (ref instanceof ObjectNode object && object.has("uri")) {
            return byUri(request, params, object);
        }
        if (ref instanceof ObjectNode object && object.has("name")) {
            return byName(request, object, "name", "prompt");
        }
        return new Plan.Reject(JsonRpc.INVALID_PARAMS, "completion/complete needs a ref with a name or uri");
    }

    private Plan forward(String target, ObjectNode request) {
        UnaryOperator<ObjectNode> qualify = result -> {
            TaskIds.qualifyResult(result, target, naming);
            return ResultUris.qualify(result, target, naming);
        };
        return new Plan.Forward(target, request, qualify);
    }

    private Map<String, ObjectNode> copies(ObjectNode request) {
        Map<String, ObjectNode> requests = new LinkedHashMap<>();
        for (String target : naming.targets()) {
            requests.put(target, request.deepCopy());
        }
        return requests;
    }
}
