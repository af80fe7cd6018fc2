package dev.jetway.plugin.mcp.remote;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;

/** A streamable HTTP target ({@code mcp:} or {@code http:}): one upstream session per MCP session, resumable anywhere. */
record StreamableHttpTarget(String name, URI uri, UpstreamHttp http, ScheduledExecutorService scheduler) implements McpTarget {

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public TargetSession connect(TargetSessionListener listener) {
        return new StreamableHttpSession(name, uri, http, listener, scheduler);
    }

    @Override
    public Optional<TargetSession> resume(JsonNode state, TargetSessionListener listener) {
        if (!state.path("sid").isTextual()) {
            return Optional.empty();
        }
        StreamableHttpSession upstream = new StreamableHttpSession(name, uri, http, listener, scheduler);
        upstream.resume(state.get("sid").asText(), state.path("v").asText(null));
        return Optional.of(upstream);
    }

    @Override
    public String describe() {
        return "streamable HTTP " + uri;
    }
}
