package dev.jetway.plugin.mcp.spi;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives what a {@link TargetSession} sends back. Called from the upstream's own threads, one message at a time per stream. */
public interface TargetSessionListener {

    /**
     * A message from the upstream.
     *
     * @param relatedTo the id (as sent upstream) of the request whose response stream carried the message, or
     *                  {@code null} when the transport does not tell (stdio, a standalone stream)
     */
    void onMessage(ObjectNode message, JsonNode relatedTo);

    /**
     * A message could not be delivered or its answer could not be read.
     *
     * @param id     the id of the request concerned, or {@code null} for a notification or response
     * @param reason a sentence for the client, without the target's name
     */
    void onUndelivered(JsonNode id, String reason);

    /**
     * The upstream no longer knows the session (it restarted, or the session was deleted, perhaps through another
     * replica): the client's session ends, and the client starts a new one, as MCP prescribes for a 404.
     */
    void onSessionLost(String reason);

    /** The upstream session is over (the child exited, the stream ended) and will not deliver anything more. */
    void onClosed(String reason);

    /**
     * The {@code Authorization} value the client's requests lend to upstream calls ({@code backendAuth}:
     * the client's verified token, or a key), as of the client's latest request; empty when there is none. Remote
     * targets send it with each HTTP request they make for the session.
     */
    default Optional<String> upstreamAuthorization() {
        return Optional.empty();
    }
}
