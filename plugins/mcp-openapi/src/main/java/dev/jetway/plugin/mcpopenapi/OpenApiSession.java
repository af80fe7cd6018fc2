package dev.jetway.plugin.mcpopenapi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;

/**
 * One MCP session with an {@code openapi} target, answered here: {@code initialize} (tools only), {@code ping},
 * {@code tools/list}, and {@code tools/call} as one HTTP request to the API, sent without waiting for it. Other
 * requests get method-not-found; notifications are ignored, except that a cancellation aborts its call.
 */
final class OpenApiSession implements TargetSession {

    /** The protocol versions this server speaks; a client asking for another gets the latest. */
    private static final List<String> VERSIONS = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    /** The most of an API's answer a tool result carries; larger answers are a tool error. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private final OpenApiTarget target;
    private final TargetSessionListener listener;
    /** HTTP calls in flight, by the text of their request id, so that a cancellation or the end can abort them. */
    private final Map<String, Request> calls = new ConcurrentHashMap<>();
    private volatile boolean closed;

    OpenApiSession(OpenApiTarget target, TargetSessionListener listener) {
        this.target = target;
        this.listener = listener;
    }

    @Override
    public void send(ObjectNode message) {
        JsonNode id = message.get("id");
        if (closed) {
            listener.onUndelivered(id, "is closed");
            return;
        }
        String method = JsonRpc.method(message);
        ObjectNode params = JsonRpc.params(message);
        switch (JsonRpc.kind(message)) {
            case REQUEST -> {
                switch (method) {
                    case "initialize" -> reply(JsonRpc.result(id, initializeResult(params)));
                    case "ping" -> reply(JsonRpc.result(id, JsonRpc.object()));
                    case "tools/list" -> reply(JsonRpc.result(id, toolList()));
                    case "tools/call" -> call(id, params == null ? JsonRpc.object() : params);
                    default -> reply(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method));
                }
            }
            case NOTIFICATION -> {
                if (method.equals("notifications/cancelled") && params != null && params.has("requestId")) {
                    abort(calls.remove(params.get("requestId").asText()), "the call was cancelled");
                }
            }
            default -> {
                // Responses: this server never asks the client anything.
            }
        }
    }

    private ObjectNode initializeResult(ObjectNode params) {
        String asked = params == null ? null : params.path("protocolVersion").asText(null);
        ObjectNode result = JsonRpc.object().put("protocolVersion", VERSIONS.contains(asked) ? asked : VERSIONS.get(VERSIONS.size() - 1));
        result.putObject("capabilities").putObject("tools");
        result.set("serverInfo", target.serverInfo().deepCopy());
        return result;
    }

    /** A copy, as the gateway renames tools in place when it multiplexes. */
    private ObjectNode toolList() {
        ObjectNode result = JsonRpc.object();
        target.operations().values().forEach(operation -> result.withArray("tools").add(operation.tool().deepCopy()));
        return result;
    }

    private void call(JsonNode id, ObjectNode params) {
        String name = params.path("name").asText("");
        ApiOperation operation = target.operations().get(name);
        if (operation == null) {
            reply(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + name));
            return;
        }
        JsonNode arguments = params.path("arguments");
        Request request;
        try {
            request = ApiRequests.build(target.client(), target.base(), operation, arguments, target.timeout());
        } catch (ApiRequests.InvalidArguments e) {
            reply(JsonRpc.result(id, ToolResults.error("Invalid arguments for " + name + ": " + e.getMessage())));
            return;
        }
        String key = id.asText();
        calls.put(key, request);
        request.send(new BufferingResponseListener(MAX_ANSWER_BYTES) {
            @Override
            public void onComplete(Result result) {
                calls.remove(key, request);
                if (result.getFailure() instanceof CancellationException) {
                    return;
                }
                ObjectNode toolResult = result.isFailed() ? failed(result.getFailure())
                        : ToolResults.answered(result.getResponse().getStatus(), getContentAsString());
                listener.onMessage(JsonRpc.result(id, toolResult), id);
            }
        });
    }

    private ObjectNode failed(Throwable failure) {
        if (failure instanceof TimeoutException) {
            long millis = target.timeout().toMillis();
            return ToolResults.error("The API did not answer within " + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms"));
        }
        // How BufferingResponseListener aborts an answer past its capacity.
        if (failure instanceof IllegalArgumentException && String.valueOf(failure.getMessage()).contains("capacity")) {
            return ToolResults.error("The API's answer is larger than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB");
        }
        return ToolResults.error("Could not call the API at " + target.base() + ": " + failure);
    }

    /** Answers from one of the server's threads, as the gateway expects of a target, never from the sender's. */
    private void reply(ObjectNode message) {
        JsonNode id = message.get("id");
        target.client().getExecutor().execute(() -> listener.onMessage(message, id));
    }

    private static void abort(Request request, String why) {
        if (request != null) {
            request.abort(new CancellationException(why));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (String key : List.copyOf(calls.keySet())) {
            abort(calls.remove(key), "the MCP session ended");
        }
    }
}
