package dev.jetway.plugin.mcp.spi;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One MCP session with one target: a duplex pipe of JSON-RPC messages. What the target sends comes back through the
 * {@link TargetSessionListener} given when it was opened. Implementations are thread-safe and never block the caller on
 * the upstream.
 */
public interface TargetSession {

    /** Sends a request, notification or response; a failure to deliver comes back as {@link TargetSessionListener#onUndelivered}. */
    void send(ObjectNode message);

    /**
     * {@link #send(ObjectNode)} for a client's request: {@code traceHeaders} ({@code traceparent}, {@code tracestate})
     * name the gateway's span of the client's HTTP request, so HTTP transports send them along and the target's spans
     * join the trace; other transports have nowhere to put them.
     */
    default void send(ObjectNode message, Map<String, String> traceHeaders) {
        send(message);
    }

    /**
     * What another replica needs to reattach to this upstream session (such as its {@code Mcp-Session-Id}), or
     * {@code null} when there is nothing to resume.
     */
    default JsonNode resumeState() {
        return null;
    }

    /**
     * Ends the upstream session (a child process is stopped with its descendants, an HTTP session deleted). Returns
     * at once; the work finishes in the background, bounded in time.
     */
    void close();

    /** Completes when {@link #close()} has finished its work, such as when the child process and its tree are gone. */
    default CompletableFuture<Void> closed() {
        return CompletableFuture.completedFuture(null);
    }
}
