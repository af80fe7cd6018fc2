package dev.jetway.plugin.mcp.remote;

import dev.jetway.api.ConfigException;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.McpTargetFactory;
import dev.jetway.plugin.mcp.spi.TargetContext;
import org.pf4j.Extension;

/** {@code sse: {host, port, path}} or {@code sse: {host: "http://h/sse"}}: a legacy SSE MCP server (path {@code /sse} by default). */
@Extension
public final class SseTargetFactory implements McpTargetFactory<RemoteConfig> {

    @Override
    public String type() {
        return "sse";
    }

    @Override
    public Class<RemoteConfig> configType() {
        return RemoteConfig.class;
    }

    @Override
    public McpTarget create(RemoteConfig config, TargetContext context) throws ConfigException {
        return RemoteTargets.sse(config, context);
    }
}
