package dev.jetway.plugin.mcp.session;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the gateway sends what belongs to one client request: messages related to it (progress, logging, requests
 * of the server made while it runs), then its response, exactly once. Implemented by the HTTP front end; called from
 * upstream threads.
 */
public interface ClientExchange {

    /**
     * A message related to the request, before its response.
     *
     * @return false when the exchange can no longer carry messages (answered, or its client went away), in which case
     *         the session delivers the message on its standalone stream instead
     */
    boolean message(ObjectNode message);

    /** The response to the request. */
    void respond(ObjectNode response);

    /** The session id to hand the client with this response, set just before {@link #respond} answers an {@code initialize}. */
    default void establish(String sessionId) {
    }

    /** The W3C trace context of the client's HTTP request (the gateway's span), for the upstream calls serving it. */
    default Map<String, String> traceHeaders() {
        return Map.of();
    }

    /** Whether the client still waits for the response (it may have gone away). */
    default boolean open() {
        return true;
    }
}
