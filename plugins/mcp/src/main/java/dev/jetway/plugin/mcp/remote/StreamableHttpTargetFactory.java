package dev.jetway.plugin.mcp.remote;

import dev.jetway.api.ConfigException;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.McpTargetFactory;
import dev.jetway.plugin.mcp.spi.TargetContext;
import org.pf4j.Extension;

/** {@code mcp: {host: "https://h/mcp"}}: a streamable HTTP MCP server (path {@code /mcp} by default). */
@Extension
public class StreamableHttpTargetFactory implements McpTargetFactory<RemoteConfig> {

    @Override
    public String type() {
        return "mcp";
    }

    @Override
    public Class<RemoteConfig> configType() {
        return RemoteConfig.class;
    }

    @Override
    public McpTarget create(RemoteConfig config, TargetContext context) throws ConfigException {
        return RemoteTargets.streamable(config, context);
    }
}
