package dev.jetway.plugin.mcp.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A stream for messages that belong to no pending request: the GET stream of streamable HTTP, the legacy SSE stream. */
public interface ClientStream {

    /** @return false when the stream has closed */
    boolean send(ObjectNode message);

    /** Ends the stream, because its session ended. */
    void close();
}
