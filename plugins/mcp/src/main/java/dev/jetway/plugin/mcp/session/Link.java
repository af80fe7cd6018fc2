package dev.jetway.plugin.mcp.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;

/** One session's upstream at one target, and whether it still works. */
final class Link implements TargetSessionListener {

    private final McpTarget target;
    private final McpSession session;
    private volatile TargetSession upstream;
    private volatile String failure;
    private volatile boolean closing;

    Link(McpTarget target, McpSession session) {
        this.target = target;
        this.session = session;
    }

    String name() {
        return target.name();
    }

    McpTarget target() {
        return target;
    }

    /** Connects afresh; a target that cannot even start leaves the link failed with the reason. */
    void connect() {
        try {
            upstream = target.connect(this);
        } catch (RuntimeException e) {
            failure = "could not start: " + e.getMessage();
        }
    }

    void attach(TargetSession resumed) {
        upstream = resumed;
    }

    /** Why the link does not work, or {@code null} when it does. */
    String failure() {
        return failure;
    }

    boolean alive() {
        return failure == null;
    }

    void send(ObjectNode message) {
        send(message, Map.of());
    }

    void send(ObjectNode message, Map<String, String> traceHeaders) {
        TargetSession current = upstream;
        if (current != null) {
            current.send(message, traceHeaders);
        } else {
            onUndelivered(message.get("id"), "is not connected" + (failure == null ? "" : ": " + failure));
        }
    }

    JsonNode resumeState() {
        TargetSession current = upstream;
        return current == null ? null : current.resumeState();
    }

    /** Takes the target out of this session (failing open) and ends its upstream. */
    void drop(String reason) {
        failure = reason;
        close();
    }

    CompletableFuture<Void> close() {
        closing = true;
        TargetSession current = upstream;
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        current.close();
        return current.closed();
    }

    @Override
    public void onMessage(ObjectNode message, JsonNode relatedTo) {
        session.fromUpstream(this, message, relatedTo);
    }

    @Override
    public void onUndelivered(JsonNode id, String reason) {
        session.undelivered(this, id, reason);
    }

    @Override
    public Optional<String> upstreamAuthorization() {
        return session.upstreamAuthorization();
    }

    @Override
    public void onSessionLost(String reason) {
        failure = reason;
        session.upstreamLost(this, reason);
    }

    @Override
    public void onClosed(String reason) {
        if (failure == null) {
            failure = reason;
        }
        session.upstreamClosed(this, reason, closing);
    }
}
