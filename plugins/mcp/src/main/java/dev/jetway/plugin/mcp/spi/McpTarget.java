package dev.jetway.plugin.mcp.spi;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One configured target of an {@code mcp} backend. It opens one {@link TargetSession} per MCP session: a child process, a
 * streamable HTTP session or an SSE stream.
 */
public interface McpTarget {

    /** The target's configured name. */
    String name();

    /**
     * Whether another gateway replica can reach the same upstream, so that a session can be resumed there from its
     * token. False for child processes, which live on one replica.
     */
    boolean remote();

    /** Opens a fresh upstream session; must not block on the network or on the process it starts. */
    TargetSession connect(TargetSessionListener listener);

    /**
     * Reopens an upstream session from the state another replica put in the session token
     * ({@link TargetSession#resumeState()}). Empty when the upstream cannot be reattached, in which case the gateway
     * connects afresh and initializes it again with the client's original parameters.
     *
     * @param initializeParams the client's {@code initialize} parameters, for upstreams that re-initialize on
     *                         their own when the upstream forgot the session
     */
    default Optional<TargetSession> resume(JsonNode state, ObjectNode initializeParams, TargetSessionListener listener) {
        return Optional.empty();
    }

    /** One line for logs, such as {@code stdio npx @modelcontextprotocol/server-everything}. */
    String describe();
}
