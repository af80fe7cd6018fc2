package dev.jetway.plugin.mcpopenapi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.eclipse.jetty.client.HttpClient;

import static java.util.Objects.requireNonNull;

/**
 * An {@code openapi} target: the gateway itself is the MCP server, whose tools are the API's operations. Its sessions
 * hold no upstream state: another replica that takes one over connects afresh.
 */
final class OpenApiTarget implements McpTarget {

    private final String name;
    private final String base;
    private final Map<String, ApiOperation> operations = new LinkedHashMap<>();
    private final ObjectNode serverInfo;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param base       the API's base URL, without a trailing slash
     * @param serverInfo how the target introduces itself in {@code initialize}
     * @param timeout    how long one HTTP call may take
     */
    OpenApiTarget(String name, String base, List<ApiOperation> operations, ObjectNode serverInfo, HttpClient client, Duration timeout) {
        this.name = requireNonNull(name, "name");
        this.base = requireNonNull(base, "base");
        operations.forEach(operation -> this.operations.put(operation.name(), operation));
        this.serverInfo = requireNonNull(serverInfo, "serverInfo");
        this.client = requireNonNull(client, "client");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public TargetSession connect(TargetSessionListener listener) {
        return new OpenApiSession(this, listener);
    }

    @Override
    public String describe() {
        return "openapi " + base + " (" + operations.size() + " operations)";
    }

    String base() {
        return base;
    }

    Map<String, ApiOperation> operations() {
        return operations;
    }

    ObjectNode serverInfo() {
        return serverInfo;
    }

    HttpClient client() {
        return client;
    }

    Duration timeout() {
        return timeout;
    }
}
