package dev.jetway.plugin.mcp.remote;

import java.net.URI;

import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;

/**
 * A legacy SSE target ({@code sse:}). Its sessions live in the stream this replica holds, so another replica that
 * takes a session over opens a new stream and initializes it again.
 */
record LegacySseTarget(String name, URI uri, UpstreamHttp http) implements McpTarget {

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public TargetSession connect(TargetSessionListener listener) {
        LegacySseSession upstream = new LegacySseSession(name, uri, http, listener);
        upstream.open();
        return upstream;
    }

    @Override
    public String describe() {
        return "SSE " + uri;
    }
}
