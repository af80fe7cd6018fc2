package dev.jetway.plugin.mcp.stdio;

import dev.jetway.api.ConfigException;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.McpTargetFactory;
import dev.jetway.plugin.mcp.spi.TargetContext;
import org.pf4j.Extension;

/** {@code stdio}: an MCP server run as a child process, one per session. */
@Extension
public final class StdioTargetFactory implements McpTargetFactory<StdioConfig> {

    @Override
    public String type() {
        return "stdio";
    }

    @Override
    public Class<StdioConfig> configType() {
        return StdioConfig.class;
    }

    @Override
    public McpTarget create(StdioConfig config, TargetContext context) throws ConfigException {
        if (config.cmd() == null || config.cmd().isBlank()) {
            throw new ConfigException("cmd", "cmd is required: the command that starts the MCP server, such as npx");
        }
        return new StdioTarget(context.name(), config, context.scheduler());
    }
}
