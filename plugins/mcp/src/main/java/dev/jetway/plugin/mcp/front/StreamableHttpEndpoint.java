package dev.jetway.plugin.mcp.front;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.GatewayAttributes;
import dev.jetway.plugin.mcp.authorization.McpAuthorizationPolicy;
import dev.jetway.plugin.mcp.jsonrpc.Incoming;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.session.Deadlines;
import dev.jetway.plugin.mcp.session.McpAccess;
import dev.jetway.plugin.mcp.session.McpSession;
import dev.jetway.plugin.mcp.session.SessionRegistry;
import dev.jetway.plugin.mcp.session.SessionsFull;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * MCP's streamable HTTP transport: POST carries client messages (answered with JSON or an event stream), GET opens
 * the session's stream for what targets send unasked, DELETE ends the session.
 */
final class StreamableHttpEndpoint {

    private final SessionRegistry sessions;
    private final FrontSettings settings;
    private final PostExchange.Timing timing;

    StreamableHttpEndpoint(SessionRegistry sessions, FrontSettings settings, ScheduledExecutorService scheduler, Deadlines deadlines) {
        this.sessions = sessions;
        this.settings = settings;
        this.timing = new PostExchange.Timing(scheduler, deadlines, settings.keepAlive());
    }

    void handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (HttpMethod.POST.is(method)) {
            post(request, response, callback);
        } else if (HttpMethod.GET.is(method)) {
            get(request, response, callback);
        } else if (HttpMethod.DELETE.is(method)) {
            delete(request, response, callback);
        } else {
            HttpReplies.methodNotAllowed(response, callback, "GET, POST, DELETE", "MCP's streamable HTTP transport uses GET, POST and DELETE");
        }
    }

    private void post(Request request, Response response, Callback callback) {
        if (!HttpReplies.accepts(request, HttpReplies.JSON) || !HttpReplies.accepts(request, HttpReplies.EVENT_STREAM)) {
            HttpReplies.text(response, callback, 406, HttpReplies.NOT_ACCEPTABLE_POST);
            return;
        }
        if (!HttpReplies.hasJsonBody(request)) {
            HttpReplies.text(response, callback, 415, HttpReplies.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        String version = HttpReplies.protocolVersion(request);
        if (version == null) {
            HttpReplies.error(response, callback, 400, JsonRpc.SERVER_ERROR, HttpReplies.unsupportedVersion(request));
            return;
        }
        IncomingBody.read(request, response, callback, settings,
                incoming -> {
                    settings.telemetry().observe(request, incoming);
                    received(request, response, callback, incoming, version);
                });
    }

    private void received(Request request, Response response, Callback callback, Incoming incoming, String version) {
        if (incoming.initializes()) {
            initialize(request, response, callback, incoming);
            return;
        }
        McpSession session;
        Runnable end = () -> { };
        if (settings.stateful()) {
            Optional<McpSession> found = session(request, response, callback);
            if (found.isEmpty()) {
                return;
            }
            session = found.get();
        } else if (incoming.requests().isEmpty()) {
            // Without a session, notifications and answers to server requests have nowhere to go.
            HttpReplies.accepted(response, callback);
            return;
        } else {
            try {
                session = sessions.openStateless(version);
            } catch (SessionsFull e) {
                HttpReplies.error(response, callback, 503, JsonRpc.SERVER_ERROR, e.getMessage());
                return;
            }
            McpSession stateless = session;
            end = () -> sessions.close(stateless);
        }
        incoming.notifications().forEach(session::notification);
        incoming.responses().forEach(session::response);
        if (incoming.requests().isEmpty()) {
            HttpReplies.accepted(response, callback);
            return;
        }
        PostExchange exchange = PostExchange.forRequests(request, response, callback, timing, incoming.requests().size(),
                incoming.batch()).onDone(end);
        McpAccess access = McpAuthorizationPolicy.access(request);
        session.authorize((String) request.getAttribute(GatewayAttributes.UPSTREAM_AUTHORIZATION));
        for (ObjectNode message : incoming.requests()) {
            session.request(message, exchange.exchange(), access);
        }
    }

    private void initialize(Request request, Response response, Callback callback, Incoming incoming) {
        if (incoming.size() > 1) {
            HttpReplies.error(response, callback, 400, JsonRpc.INVALID_REQUEST,
                    "Invalid Request: initialize must be the only message of its request");
            return;
        }
        McpSession session;
        try {
            session = sessions.open();
        } catch (SessionsFull e) {
            HttpReplies.error(response, callback, 503, JsonRpc.SERVER_ERROR, e.getMessage());
            return;
        }
        PostExchange exchange = PostExchange.forInitialize(request, response, callback, timing, incoming.batch());
        session.authorize((String) request.getAttribute(GatewayAttributes.UPSTREAM_AUTHORIZATION));
        if (settings.stateful()) {
            session.request(incoming.requests().get(0), sessions.initializing(session, exchange.exchange()), McpAccess.ALL);
        } else {
            exchange.onDone(() -> sessions.close(session));
            session.request(incoming.requests().get(0), exchange.exchange(), McpAccess.ALL);
        }
    }

    private void get(Request request, Response response, Callback callback) {
        if (!settings.stateful()) {
            HttpReplies.methodNotAllowed(response, callback, "POST", "this MCP endpoint is stateless (statefulMode: stateless)");
            return;
        }
        if (!HttpReplies.accepts(request, HttpReplies.EVENT_STREAM)) {
            HttpReplies.text(response, callback, 406, HttpReplies.NOT_ACCEPTABLE_GET);
            return;
        }
        Optional<McpSession> found = session(request, response, callback);
        if (found.isEmpty()) {
            return;
        }
        McpSession session = found.get();
        SseStream stream = new SseStream(response, callback);
        if (!session.attach(stream)) {
            HttpReplies.text(response, callback, 409, "Conflict: Only one SSE stream is allowed per session");
            return;
        }
        stream.onClosed(() -> session.detach(stream));
        stream.start(request, timing.scheduler(), timing.keepAlive(), headers -> { });
    }

    private void delete(Request request, Response response, Callback callback) {
        if (!settings.stateful()) {
            HttpReplies.methodNotAllowed(response, callback, "POST", "this MCP endpoint is stateless (statefulMode: stateless)");
            return;
        }
        Optional<McpSession> found = session(request, response, callback);
        if (found.isEmpty()) {
            return;
        }
        sessions.close(found.get());
        HttpReplies.accepted(response, callback);
    }

    /** The session the request names; when there is none, the answer has been sent. */
    private Optional<McpSession> session(Request request, Response response, Callback callback) {
        String id = request.getHeaders().get(HttpReplies.SESSION_HEADER);
        if (id == null || id.isBlank()) {
            HttpReplies.error(response, callback, 400, JsonRpc.SERVER_ERROR, HttpReplies.SESSION_REQUIRED);
            return Optional.empty();
        }
        if (HttpReplies.protocolVersion(request) == null) {
            HttpReplies.error(response, callback, 400, JsonRpc.SERVER_ERROR, HttpReplies.unsupportedVersion(request));
            return Optional.empty();
        }
        Optional<McpSession> session = sessions.find(id.strip());
        if (session.isEmpty()) {
            HttpReplies.error(response, callback, 404, JsonRpc.SESSION_NOT_FOUND, HttpReplies.SESSION_NOT_FOUND);
        }
        return session;
    }
}
