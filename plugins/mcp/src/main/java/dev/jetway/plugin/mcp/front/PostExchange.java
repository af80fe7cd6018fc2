package dev.jetway.plugin.mcp.front;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.session.ClientExchange;
import dev.jetway.plugin.mcp.session.Deadlines;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to one streamable HTTP POST carrying requests. It is plain JSON when the responses come before anything
 * else; as soon as a related message comes first, or the answer takes longer than the keep-alive interval, it turns
 * into an event stream that carries the messages, then the responses.
 *
 * <p>The answer to {@code initialize} is held until the session has its id, which goes in a header: related messages
 * wait, and so do idle timeouts (the upstreams' own initialization is bounded by the request timeout).
 */
final class PostExchange {

    private static final Logger LOG = LoggerFactory.getLogger(PostExchange.class);

    /**
     * What every answer of an endpoint shares: the scheduler of its keep-alive comments, the deadlines that turn a
     * slow answer into a stream, and the keep-alive interval.
     */
    record Timing(ScheduledExecutorService scheduler, Deadlines deadlines, Duration keepAlive) {
    }

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ScheduledExecutorService scheduler;
    private final Duration keepAlive;
    private final int expected;
    private final boolean batch;
    private final List<ObjectNode> responses = new ArrayList<>();
    private final List<ObjectNode> held = new ArrayList<>();
    private final boolean holding;
    private final Deadlines deadlines;
    private final Deadlines.Watched slow;
    private Runnable onDone = () -> { };
    private String sessionId;
    private SseStream stream;
    private volatile boolean done;
    private final Map<String, String> traceHeaders;

    /**
     * The answer to a POST carrying {@code count} requests (besides any notifications and responses).
     *
     * @param batch whether the client sent a batch, to be answered with one
     */
    static PostExchange forRequests(Request request, Response response, Callback callback, Timing timing, int count, boolean batch) {
        return new PostExchange(request, response, callback, timing, count, batch, false);
    }

    /** The answer to an {@code initialize}, which carries the new session's id. */
    static PostExchange forInitialize(Request request, Response response, Callback callback, Timing timing, boolean batch) {
        return new PostExchange(request, response, callback, timing, 1, batch, true);
    }

    private PostExchange(Request request, Response response, Callback callback, Timing timing, int expected, boolean batch,
                         boolean initialize) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.scheduler = timing.scheduler();
        this.keepAlive = timing.keepAlive();
        this.expected = expected;
        this.batch = batch;
        this.holding = initialize;
        this.deadlines = timing.deadlines();
        this.traceHeaders = TraceHeaders.of(request);
        request.addFailureListener(this::clientGone);
        if (initialize) {
            request.addIdleTimeoutListener(timeout -> done);
            this.slow = null;
        } else {
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SseStream.effectiveKeepAlive(request, keepAlive));
            this.slow = new Deadlines.Watched() {
                @Override
                public long deadline() {
                    return due;
                }

                @Override
                public void expired() {
                    slow();
                }
            };
            deadlines.watch(slow);
        }
    }

    /** Runs when the POST is answered, or its client has gone (a stateless session ends then). */
    synchronized PostExchange onDone(Runnable action) {
        onDone = action;
        return this;
    }

    /** The exchange of one of the POST's requests. */
    ClientExchange exchange() {
        return new ClientExchange() {
            @Override
            public boolean message(ObjectNode message) {
                return PostExchange.this.message(message);
            }

            @Override
            public void respond(ObjectNode answer) {
                PostExchange.this.respond(answer);
            }

            @Override
            public void establish(String id) {
                PostExchange.this.establish(id);
            }

            @Override
            public boolean open() {
                return !done;
            }

            @Override
            public Map<String, String> traceHeaders() {
                return traceHeaders;
            }
        };
    }

    private synchronized boolean message(ObjectNode message) {
        if (done) {
            return false;
        }
        if (holding) {
            held.add(message);
            return true;
        }
        return streaming().send(message);
    }

    private synchronized void establish(String id) {
        sessionId = id;
    }

    private void respond(ObjectNode answer) {
        Runnable finished;
        synchronized (this) {
            if (done) {
                LOG.debug("Dropping a response for a client that has gone: {}", answer.get("id"));
                return;
            }
            if (!held.isEmpty()) {
                held.forEach(streaming()::send);
                held.clear();
            }
            responses.add(answer);
            if (stream != null) {
                stream.send(answer);
            }
            if (responses.size() < expected) {
                return;
            }
            done = true;
            if (slow != null) {
                deadlines.forget(slow);
            }
            finished = onDone;
            if (stream != null) {
                stream.close();
            } else {
                writeJson();
            }
        }
        finished.run();
    }

    /** Still unanswered after the keep-alive interval: stream, so that the connection shows signs of life. */
    private synchronized void slow() {
        if (!done) {
            streaming();
        }
    }

    /** Turns the answer into an event stream; responses that came before it (a refusal within a batch) go first. */
    private SseStream streaming() {
        if (stream == null) {
            stream = new SseStream(response, callback).start(request, scheduler, keepAlive, this::sessionHeader);
            responses.forEach(stream::send);
        }
        return stream;
    }

    private void writeJson() {
        JsonNode body;
        if (batch) {
            ArrayNode array = JsonRpc.nodes().arrayNode();
            responses.forEach(array::add);
            body = array;
        } else {
            body = responses.get(0);
        }
        byte[] bytes = JsonRpc.bytes(body);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, HttpReplies.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        sessionHeader(response);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private void sessionHeader(Response target) {
        if (sessionId != null) {
            target.getHeaders().put(HttpReplies.SESSION_HEADER, sessionId);
        }
    }

    /** The client went away before its answer: the stream (if any) completes the callback, else it is failed here. */
    private void clientGone(Throwable failure) {
        Runnable finished;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            if (slow != null) {
                deadlines.forget(slow);
            }
            finished = onDone;
            if (stream == null) {
                callback.failed(failure);
            }
        }
        finished.run();
    }
}
