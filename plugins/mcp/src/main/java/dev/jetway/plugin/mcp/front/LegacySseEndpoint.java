package dev.jetway.plugin.mcp.front;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.GatewayAttributes;
import dev.jetway.plugin.mcp.authorization.McpAuthorizationPolicy;
import dev.jetway.plugin.mcp.jsonrpc.Incoming;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.session.ClientExchange;
import dev.jetway.plugin.mcp.session.McpAccess;
import dev.jetway.plugin.mcp.session.McpSession;
import dev.jetway.plugin.mcp.session.SessionRegistry;
import dev.jetway.plugin.mcp.session.SessionsFull;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * MCP's legacy SSE transport (protocol 2024-11-05) on {@code /sse}: {@code GET /sse} opens a session and its stream,
 * whose first event names where to POST ({@code /sse?sessionId=<id>}); POSTs are answered 202 and everything the
 * gateway says to the client goes on the stream. The session ends with the stream.
 */
final class LegacySseEndpoint {

    private final SessionRegistry sessions;
    private final FrontSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    private record Stream(McpSession session, SseStream events) {
    }

    LegacySseEndpoint(SessionRegistry sessions, FrontSettings settings, ScheduledExecutorService scheduler) {
        this.sessions = sessions;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    void handle(Request request, Response response, Callback callback) {
        if (HttpMethod.GET.is(request.getMethod())) {
            open(request, response, callback);
        } else if (HttpMethod.POST.is(request.getMethod())) {
            post(request, response, callback);
        } else {
            HttpReplies.methodNotAllowed(response, callback, "GET, POST", "MCP's SSE transport uses GET and POST");
        }
    }

    private void open(Request request, Response response, Callback callback) {
        if (!HttpReplies.accepts(request, HttpReplies.EVENT_STREAM)) {
            HttpReplies.text(response, callback, 406, HttpReplies.NOT_ACCEPTABLE_GET);
            return;
        }
        McpSession session;
        try {
            session = sessions.open();
        } catch (SessionsFull e) {
            HttpReplies.error(response, callback, 503, JsonRpc.SERVER_ERROR, e.getMessage());
            return;
        }
        String id = sessions.registerLegacy(session);
        SseStream events = new SseStream(response, callback);
        session.attach(events);
        streams.put(id, new Stream(session, events));
        events.onClosed(() -> {
            streams.remove(id);
            sessions.close(session);
        });
        events.start(request, scheduler, settings.keepAlive(), headers -> { });
        // Path-absolute, so that it works whatever host name the client used and behind path-preserving proxies.
        events.event("endpoint", Request.getPathInContext(request) + "?sessionId=" + id);
    }

    private void post(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String id = query.getValue("sessionId");
        if (id == null || id.isBlank()) {
            HttpReplies.error(response, callback, 400, JsonRpc.SERVER_ERROR,
                    "Bad Request: the sessionId query parameter is required (GET /sse opens a session)");
            return;
        }
        Stream stream = streams.get(id);
        if (stream == null || !stream.events().isOpen()) {
            HttpReplies.error(response, callback, 404, JsonRpc.SESSION_NOT_FOUND, HttpReplies.SESSION_NOT_FOUND);
            return;
        }
        if (!HttpReplies.hasJsonBody(request)) {
            HttpReplies.text(response, callback, 415, HttpReplies.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        IncomingBody.read(request, response, callback, settings,
                incoming -> {
                    settings.telemetry().observe(request, incoming);
                    stream.session().authorize((String) request.getAttribute(GatewayAttributes.UPSTREAM_AUTHORIZATION));
                    received(stream, incoming, McpAuthorizationPolicy.access(request), TraceHeaders.of(request), response, callback);
                });
    }

    private void received(Stream stream, Incoming incoming, McpAccess access, Map<String, String> traceHeaders, Response response,
                          Callback callback) {
        McpSession session = stream.session();
        incoming.notifications().forEach(session::notification);
        incoming.responses().forEach(session::response);
        ClientExchange onStream = new ClientExchange() {
            @Override
            public boolean message(ObjectNode message) {
                return stream.events().send(message);
            }

            @Override
            public void respond(ObjectNode answer) {
                stream.events().send(answer);
            }

            @Override
            public Map<String, String> traceHeaders() {
                return traceHeaders;
            }
        };
        for (ObjectNode message : incoming.requests()) {
            session.request(message, onStream, access);
        }
        HttpReplies.text(response, callback, 202, "Accepted");
    }
}
