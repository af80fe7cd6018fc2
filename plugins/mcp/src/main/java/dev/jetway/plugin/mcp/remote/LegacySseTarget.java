package dev.jetway.plugin.mcp.remote;

import java.net.URI;

import dev.jetway.plugin.mcp.target.McpTarget;
import dev.jetway.plugin.mcp.target.Upstream;
import dev.jetway.plugin.mcp.target.UpstreamListener;

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
    public Upstream connect(UpstreamListener listener) {
        LegacySseUpstream upstream = new LegacySseUpstream(name, uri, http, listener);
        upstream.open();
        return upstream;
    }

    @Override
    public String describe() {
        return "SSE " + uri;
    }
}
