package dev.jetway.plugin.mcp.session;

import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's standalone stream to its client, and the messages waiting for one: a client may open the stream after
 * a target has already spoken (a {@code roots/list} request right after {@code initialized}, say).
 */
final class ClientStreams {

    private static final Logger LOG = LoggerFactory.getLogger(ClientStreams.class);
    /** Bounds what a client that never opens a stream costs. */
    static final int BACKLOG_LIMIT = 256;

    private final Deque<ObjectNode> backlog = new ArrayDeque<>();
    private ClientStream stream;
    private boolean closed;

    /** @return false when the session already has a stream, or has ended */
    synchronized boolean attach(ClientStream next) {
        if (stream != null || closed) {
            return false;
        }
        stream = next;
        while (!backlog.isEmpty() && stream.send(backlog.peekFirst())) {
            backlog.removeFirst();
        }
        return true;
    }

    synchronized void detach(ClientStream gone) {
        if (stream == gone) {
            stream = null;
        }
    }

    synchronized boolean attached() {
        return stream != null;
    }

    /** Sends on the stream; false when there is none (or it just closed). */
    synchronized boolean send(ObjectNode message) {
        if (stream != null && stream.send(message)) {
            return true;
        }
        stream = null;
        return false;
    }

    /** Keeps {@code message} for the next stream; the oldest is dropped, with a warning, past the limit. */
    synchronized void keep(ObjectNode message, String sessionName) {
        if (backlog.size() == BACKLOG_LIMIT) {
            ObjectNode dropped = backlog.removeFirst();
            LOG.warn("MCP session {}: no stream open to the client for {} messages; dropped {}", sessionName,
                    BACKLOG_LIMIT, dropped.path("method").asText("a message"));
        }
        backlog.addLast(message);
    }

    synchronized void close() {
        closed = true;
        backlog.clear();
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
