package dev.jetway.plugin.mcp.front;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.http.PlainText;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** The front end's plain answers, and the header checks that lead to them. Texts are those MCP clients and users know. */
final class HttpReplies {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final List<String> PROTOCOL_VERSIONS = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    /** What a request without the version header is assumed to speak (the streamable HTTP transport's first version). */
    static final String DEFAULT_PROTOCOL_VERSION = "2025-03-26";

    static final String NOT_ACCEPTABLE_GET = "Not Acceptable: Client must accept text/event-stream";
    static final String NOT_ACCEPTABLE_POST = "Not Acceptable: Client must accept both application/json and text/event-stream";
    static final String UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type: Content-Type must be application/json";
    static final String SESSION_REQUIRED = "Bad Request: Mcp-Session-Id header is required";
    static final String SESSION_NOT_FOUND = "Session not found";

    private HttpReplies() {
    }

    static boolean accepts(Request request, String type) {
        for (String value : request.getHeaders().getValuesList(HttpHeader.ACCEPT)) {
            if (value.toLowerCase(Locale.ROOT).contains(type)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasJsonBody(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).strip().startsWith(JSON);
    }

    /** The request's protocol version header, or {@code null} when it names a version the gateway does not speak. */
    static String protocolVersion(Request request) {
        String version = request.getHeaders().get(VERSION_HEADER);
        if (version == null) {
            return DEFAULT_PROTOCOL_VERSION;
        }
        return PROTOCOL_VERSIONS.contains(version.strip()) ? version.strip() : null;
    }

    static String unsupportedVersion(Request request) {
        return "Bad Request: Unsupported protocol version: " + request.getHeaders().get(VERSION_HEADER)
                + " (supported versions: " + String.join(", ", PROTOCOL_VERSIONS) + ")";
    }

    static void text(Response response, Callback callback, int status, String text) {
        PlainText.send(response, callback, status, text);
    }

    /**
     * 202 with an empty body, written rather than left to Jetty: a handler callback completed on an unwritten
     * response makes Jetty finish the answer with a last write of its own, whose completion could run on the
     * connection's write invoker during the next request's answer (a 500 from an AssertionError under {@code -ea},
     * seen with the MCP Java SDK's notification then request on one connection).
     */
    static void accepted(Response response, Callback callback) {
        response.setStatus(202);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    /** A JSON-RPC message (an error, usually) as the whole answer. */
    static void json(Response response, Callback callback, int status, JsonNode message) {
        byte[] bytes = JsonRpc.bytes(message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static void error(Response response, Callback callback, int status, int code, String message) {
        json(response, callback, status, JsonRpc.error(null, code, message));
    }

    static void methodNotAllowed(Response response, Callback callback, String allow, String why) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        text(response, callback, 405, "Method Not Allowed: " + why);
    }
}
