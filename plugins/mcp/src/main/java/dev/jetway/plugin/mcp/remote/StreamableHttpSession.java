package dev.jetway.plugin.mcp.remote;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.jsonrpc.LogText;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session with a streamable HTTP MCP server: every message is a POST, answered with JSON or an event stream; the
 * server's {@code Mcp-Session-Id} and protocol version go on every later request; a GET stream carries what the
 * server sends unasked. When the server no longer knows the session (404), the session is lost: it is not initialized
 * again behind the client's back, which would bring a deleted session back to life on another replica.
 */
final class StreamableHttpSession implements TargetSession {

    private static final Logger LOG = LoggerFactory.getLogger(StreamableHttpSession.class);
    private static final long MAX_STREAM_BACKOFF_MS = 30_000;

    private final String target;
    private final URI uri;
    private final UpstreamHttp http;
    private final TargetSessionListener listener;
    private final ScheduledExecutorService scheduler;
    private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closing;
    private long streamBackoffMs = 1000;

    StreamableHttpSession(String target, URI uri, UpstreamHttp http, TargetSessionListener listener,
                           ScheduledExecutorService scheduler) {
        this.target = target;
        this.uri = uri;
        this.http = http;
        this.listener = listener;
        this.scheduler = scheduler;
    }

    /** Reattaches to a session this or another replica opened. */
    void resume(String session, String version) {
        this.sessionId = session;
        this.protocolVersion = version;
        openStream();
    }

    @Override
    public void send(ObjectNode message) {
        send(message, Map.of());
    }

    @Override
    public void send(ObjectNode message, Map<String, String> traceHeaders) {
        if (closing) {
            listener.onUndelivered(message.get("id"), "is closed");
            return;
        }
        post(message, traceHeaders);
    }

    private void post(ObjectNode message, Map<String, String> traceHeaders) {
        JsonNode id = message.get("id");
        String method = JsonRpc.method(message);
        boolean request = JsonRpc.kind(message) == JsonRpc.Kind.REQUEST;
        boolean initialize = method.equals("initialize");
        boolean[] answered = {false};
        Consumer<ObjectNode> deliver = received -> {
            if (request && JsonRpc.sameId(id, received.get("id")) && JsonRpc.kind(received) == JsonRpc.Kind.RESPONSE) {
                answered[0] = true;
                if (initialize) {
                    protocolVersion = received.path("result").path("protocolVersion").asText(null);
                }
            }
            listener.onMessage(received, request ? id : null);
        };
        send(message, traceHeaders, initialize, deliver, new MessageReader.Outcome() {
            @Override
            public void completed(Response response, int status, String body) {
                if (sessionLost(status, body) && !initialize && sessionId != null) {
                    lost(request ? id : null, status);
                } else if (request && !answered[0]) {
                    answerFromErrorBody(id, status, body);
                } else if (status / 100 != 2) {
                    LOG.warn("MCP target \"{}\": {} answered HTTP {} to {}: {}", target, uri, status, method,
                            LogText.abbreviated(body.strip()));
                } else if (method.equals("notifications/initialized")) {
                    openStream();
                }
            }

            @Override
            public void failed(String reason) {
                if (!closing) {
                    listener.onUndelivered(request ? id : null, reason);
                }
            }
        });
    }

    /** POSTs {@code message}; a 2xx answer to {@code initialize} names the upstream session. */
    private void send(ObjectNode message, Map<String, String> traceHeaders, boolean initialize, Consumer<ObjectNode> deliver,
                      MessageReader.Outcome outcome) {
        Request request = UpstreamHttp.session(UpstreamHttp.traced(UpstreamHttp.authorized(http.post(uri, JsonRpc.bytes(message)),
                        listener), traceHeaders),
                initialize ? null : sessionId, initialize ? null : protocolVersion);
        inFlight.add(request);
        request.send(new MessageReader(deliver, new MessageReader.Outcome() {
            @Override
            public void completed(Response response, int status, String body) {
                inFlight.remove(request);
                outcome.completed(response, status, body);
            }

            @Override
            public void failed(String reason) {
                inFlight.remove(request);
                outcome.failed(reason);
            }
        }) {
            @Override
            public void onHeaders(Response response) {
                if (initialize && response.getStatus() / 100 == 2) {
                    sessionId = response.getHeaders().get(UpstreamHttp.SESSION_HEADER);
                }
                super.onHeaders(response);
            }
        });
    }

    /**
     * Whether the server no longer knows the session: 404 by the specification; some servers (the reference
     * server-everything among them) answer an unknown session id with a 400 that says so.
     */
    private static boolean sessionLost(int status, String body) {
        return status == 404 || status == 400 && body.toLowerCase(Locale.ROOT).contains("session id");
    }

    /** A request answered with an HTTP error: a JSON-RPC error in the body is the answer, else the status is. */
    private void answerFromErrorBody(JsonNode id, int status, String body) {
        try {
            JsonNode error = JsonRpc.parse(body);
            if (error instanceof ObjectNode object && object.has("error")) {
                object.set("id", id);
                listener.onMessage(object, id);
                return;
            }
        } catch (IOException e) {
            // Not JSON: the status and body say what happened.
        }
        listener.onUndelivered(id, status / 100 == 2 ? "answered HTTP " + status + " without a response"
                : "answered HTTP " + status + (body.isBlank() ? "" : ": " + LogText.abbreviated(body.strip())));
    }

    private void lost(JsonNode id, int status) {
        String reason = "no longer knows the session (HTTP " + status + "): start a new session";
        if (id != null) {
            listener.onUndelivered(id, reason);
        }
        sessionId = null; // nothing to DELETE
        listener.onSessionLost(reason);
    }

    /** The GET stream for messages the server sends unasked; reopened with backoff while the session lasts. */
    private void openStream() {
        String session = sessionId;
        if (closing || session == null) {
            return;
        }
        Request request = UpstreamHttp.session(UpstreamHttp.authorized(http.stream(uri), listener), session, protocolVersion);
        inFlight.add(request);
        request.send(new MessageReader(message -> listener.onMessage(message, null), new MessageReader.Outcome() {
            @Override
            public void completed(Response response, int status, String body) {
                inFlight.remove(request);
                if (status / 100 == 2) {
                    synchronized (StreamableHttpSession.this) {
                        streamBackoffMs = 1000;
                    }
                    reopenStream("ended");
                } else {
                    LOG.debug("MCP target \"{}\": {} offers no stream for server messages (HTTP {})", target, uri, status);
                }
            }

            @Override
            public void failed(String reason) {
                inFlight.remove(request);
                reopenStream(reason);
            }
        }));
    }

    private void reopenStream(String why) {
        if (closing) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = streamBackoffMs;
            streamBackoffMs = Math.min(streamBackoffMs * 2, MAX_STREAM_BACKOFF_MS);
        }
        LOG.debug("MCP target \"{}\": server stream {}; reopening in {} ms", target, why, delay);
        scheduler.schedule(this::openStream, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public JsonNode resumeState() {
        String session = sessionId;
        if (session == null) {
            return null;
        }
        ObjectNode state = JsonRpc.object().put("sid", session);
        if (protocolVersion != null) {
            state.put("v", protocolVersion);
        }
        return state;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        for (Request request : List.copyOf(inFlight)) {
            request.abort(new CancellationException("the MCP session ended"));
        }
        String session = sessionId;
        if (session == null) {
            closed.complete(null);
            return;
        }
        // Tells the server the session is over, so it can free it; its answer does not matter.
        UpstreamHttp.session(UpstreamHttp.authorized(http.delete(uri), listener), session, protocolVersion).send(result -> closed.complete(null));
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }
}
