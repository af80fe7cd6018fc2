package dev.jetway.plugin.mcp.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

import static java.util.Objects.requireNonNull;

/**
 * The one place remote targets get their HTTP requests from. The client is the kernel's
 * ({@link dev.jetway.api.FactoryContext#httpClient()}): it runs on the server's threads and buffers, and its TLS
 * follows the backend's {@code backendTLS} policy (or verifies {@code https://} upstreams against the system roots,
 * with hostname verification, when there is none).
 */
final class UpstreamHttp {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";
    /** Streams that carry server-initiated messages may stay silent for long; they end when the session ends. */
    private static final Duration STREAM_IDLE_TIMEOUT = Duration.ofHours(1);

    private final HttpClient client;
    private final Duration timeout;

    /** @param timeout how long a request may go without any traffic before it fails */
    UpstreamHttp(HttpClient client, Duration timeout) {
        this.client = requireNonNull(client, "client");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** A POST of one JSON-RPC message, accepting a JSON or an event-stream answer. */
    Request post(URI uri, byte[] json) {
        return client.newRequest(uri)
                .method(HttpMethod.POST)
                .headers(headers -> headers.put(HttpHeader.ACCEPT, JSON + ", " + EVENT_STREAM))
                .body(new BytesRequestContent(JSON, json))
                .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A GET of a long-lived event stream. */
    Request stream(URI uri) {
        return client.newRequest(uri)
                .method(HttpMethod.GET)
                .headers(headers -> headers.put(HttpHeader.ACCEPT, EVENT_STREAM))
                .idleTimeout(STREAM_IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    Request delete(URI uri) {
        return client.newRequest(uri)
                .method(HttpMethod.DELETE)
                .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds the {@code Authorization} the client's session lends to its upstream calls ({@code backendAuth}), if any. */
    static Request authorized(Request request, TargetSessionListener session) {
        session.upstreamAuthorization().ifPresent(value -> request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, value)));
        return request;
    }

    /** Adds the trace context of the client's request the call serves, so that the target's spans join its trace. */
    static Request traced(Request request, Map<String, String> traceHeaders) {
        return traceHeaders.isEmpty() ? request : request.headers(headers -> traceHeaders.forEach(headers::put));
    }

    /** Adds the session headers of a streamable HTTP session, when known. */
    static Request session(Request request, String sessionId, String protocolVersion) {
        return request.headers(headers -> {
            if (sessionId != null) {
                headers.put(SESSION_HEADER, sessionId);
            }
            if (protocolVersion != null) {
                headers.put(VERSION_HEADER, protocolVersion);
            }
        });
    }
}
