package dev.jetway.plugin.mcp.spi;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

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
     * connects afresh and initializes it again with the client's original parameters. An upstream that turns out to
     * have forgotten the session reports it with {@link TargetSessionListener#onSessionLost}.
     */
    default Optional<TargetSession> resume(JsonNode state, TargetSessionListener listener) {
        return Optional.empty();
    }

    /** One line for logs, such as {@code stdio npx @modelcontextprotocol/server-everything}. */
    String describe();
}
