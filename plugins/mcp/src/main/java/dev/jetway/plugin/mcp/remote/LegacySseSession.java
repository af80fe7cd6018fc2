package dev.jetway.plugin.mcp.remote;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session with a legacy SSE MCP server (protocol 2024-11-05): a GET opens the event stream, whose first event,
 * {@code endpoint}, names the URL to POST messages to; everything the server says comes on the stream. The session
 * lasts as long as the stream.
 */
final class LegacySseSession implements TargetSession {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySseSession.class);

    private final String target;
    private final URI sseUri;
    private final UpstreamHttp http;
    private final TargetSessionListener listener;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Request stream;
    private volatile boolean closing;
    /** Where messages go, once the server has said; until then they wait in {@link #early}. */
    private URI endpoint;
    private final List<ObjectNode> early = new ArrayList<>();

    LegacySseSession(String target, URI sseUri, UpstreamHttp http, TargetSessionListener listener) {
        this.target = target;
        this.sseUri = sseUri;
        this.http = http;
        this.listener = listener;
    }

    void open() {
        Request request = UpstreamHttp.authorized(http.stream(sseUri), listener);
        stream = request;
        request.send(new MessageReader(message -> listener.onMessage(message, null), new MessageReader.Outcome() {
            @Override
            public void completed(Response response, int status, String body) {
                ended(status / 100 == 2 ? "ended its SSE stream" : "answered HTTP " + status + " to GET " + sseUri);
            }

            @Override
            public void failed(String reason) {
                ended(reason);
            }
        }) {
            @Override
            void event(String name, String data) {
                if (name.equals("endpoint")) {
                    endpoint(data.strip());
                }
            }
        });
    }

    private void endpoint(String announced) {
        URI resolved;
        try {
            resolved = sseUri.resolve(announced);
        } catch (IllegalArgumentException e) {
            ended("announced an invalid endpoint " + announced);
            return;
        }
        // Messages may carry credentials: they go only where the stream came from.
        if (!resolved.getScheme().equals(sseUri.getScheme()) || !resolved.getAuthority().equals(sseUri.getAuthority())) {
            ended("announced an endpoint on another origin (" + resolved + ")");
            return;
        }
        List<ObjectNode> held;
        synchronized (this) {
            endpoint = resolved;
            held = List.copyOf(early);
            early.clear();
        }
        held.forEach(this::post);
    }

    @Override
    public void send(ObjectNode message) {
        send(message, Map.of());
    }

    /** Messages sent before the server named its endpoint (the session's own start) go without trace context. */
    @Override
    public void send(ObjectNode message, Map<String, String> traceHeaders) {
        if (closing) {
            listener.onUndelivered(message.get("id"), "is closed");
            return;
        }
        synchronized (this) {
            if (endpoint == null) {
                early.add(message);
                return;
            }
        }
        post(message, traceHeaders);
    }

    private void post(ObjectNode message) {
        post(message, Map.of());
    }

    private void post(ObjectNode message, Map<String, String> traceHeaders) {
        JsonNode id = JsonRpc.kind(message) == JsonRpc.Kind.REQUEST ? message.get("id") : null;
        URI to;
        synchronized (this) {
            to = endpoint;
        }
        UpstreamHttp.traced(UpstreamHttp.authorized(http.post(to, JsonRpc.bytes(message)), listener), traceHeaders).send(new MessageReader(received -> listener.onMessage(received, null),
                new MessageReader.Outcome() {
                    @Override
                    public void completed(Response response, int status, String body) {
                        if (status / 100 != 2) {
                            listener.onUndelivered(id, "answered HTTP " + status + " to POST " + to);
                        }
                    }

                    @Override
                    public void failed(String reason) {
                        if (!closing) {
                            listener.onUndelivered(id, reason);
                        }
                    }
                }));
    }

    private void ended(String reason) {
        List<ObjectNode> held;
        synchronized (this) {
            held = List.copyOf(early);
            early.clear();
        }
        if (!closing) {
            LOG.debug("MCP target \"{}\": {} {}", target, sseUri, reason);
        }
        held.forEach(message -> listener.onUndelivered(message.get("id"), reason));
        listener.onClosed(reason);
        closed.complete(null);
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        Request current = stream;
        if (current == null) {
            closed.complete(null);
        } else {
            // Closing the stream is how a legacy SSE session ends.
            current.abort(new CancellationException("the MCP session ended"));
        }
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }
}
