package dev.jetway.plugin.mcp.stdio;

import java.util.List;
import java.util.Map;

/**
 * {@code stdio: {cmd: npx, args: ["@modelcontextprotocol/server-everything"], env: {KEY: value}}}: a command run once
 * per MCP session, found on the {@code PATH} when not a path, speaking newline-delimited JSON-RPC on its stdin and
 * stdout.
 */
public record StdioConfig(String cmd, List<String> args, Map<String, String> env) {
    public StdioConfig {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
