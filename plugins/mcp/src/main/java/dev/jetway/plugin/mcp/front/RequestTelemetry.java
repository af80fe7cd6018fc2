package dev.jetway.plugin.mcp.front;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.GatewayAttributes;
import dev.jetway.plugin.mcp.jsonrpc.Incoming;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.session.ToolCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.server.Request;

/**
 * What the gateway's access log and metrics learn from an MCP request: its JSON-RPC method and the tool a
 * {@code tools/call} names (request attributes), and a count of tool calls by target and tool.
 *
 * <p>Method and tool names come from the client, so only what a target vouched for becomes a label: a tool a target
 * listed, else {@code unknown}. That bounds the meters' series (and memory)
 * whatever clients send.
 */
public final class RequestTelemetry {

    private record Call(String target, String tool) {
    }

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final String backend;
    private final List<String> targets;
    private final boolean prefixed;
    private final ToolCatalog tools;
    private final Map<Call, Counter> calls = new ConcurrentHashMap<>();

    /**
     * @param targets the backend's target names
     * @param prefixed whether clients see {@code <target>_<tool>} names (multiplexing or {@code prefixMode: always})
     * @param tools the tools the targets have listed
     */
    public RequestTelemetry(MeterRegistry registry, String backend, List<String> targets, boolean prefixed, ToolCatalog tools) {
        this.registry = registry;
        this.backend = backend;
        this.targets = List.copyOf(targets);
        this.prefixed = prefixed;
        this.tools = tools;
    }

    void observe(Request request, Incoming incoming) {
        ObjectNode first = !incoming.requests().isEmpty() ? incoming.requests().get(0)
                : !incoming.notifications().isEmpty() ? incoming.notifications().get(0) : null;
        if (first == null) {
            request.setAttribute(GatewayAttributes.MCP_METHOD, "response");
            return;
        }
        request.setAttribute(GatewayAttributes.MCP_METHOD, JsonRpc.method(first));
        for (ObjectNode message : incoming.requests()) {
            if ("tools/call".equals(JsonRpc.method(message))) {
                String tool = message.path("params").path("name").asText("");
                boolean listed = tools.contains(tool);
                request.setAttribute(GatewayAttributes.MCP_TOOL, listed ? tool : UNKNOWN);
                Call call = listed ? call(tool) : new Call(prefixed ? UNKNOWN : targets.get(0), UNKNOWN);
                calls.computeIfAbsent(call, this::counter).increment();
            }
        }
    }

    /** The target and the target's own tool name, as a listed name splits. */
    private Call call(String name) {
        if (!prefixed) {
            return new Call(targets.get(0), name);
        }
        int separator = name.indexOf('_');
        String target = separator < 0 ? UNKNOWN : name.substring(0, separator);
        return targets.contains(target) ? new Call(target, name.substring(separator + 1)) : new Call(UNKNOWN, name);
    }

    private Counter counter(Call call) {
        return Counter.builder("jetway.mcp.tool.calls").description("MCP tools/call requests, by target and tool")
                .tags("backend", backend, "target", call.target(), "tool", call.tool()).register(registry);
    }
}
