package dev.jetway.plugin.jwtauth;

import java.nio.ByteBuffer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** JSON answers of {@code mcpAuthentication}: its 401s and the OAuth discovery documents. */
final class JsonReply {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReply() {
    }

    static void send(Response response, Callback callback, int status, JsonNode json) {
        try {
            send(response, callback, status, "application/json", MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }

    /** @param contentType the body's type, or {@code null} for none */
    static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Lets any origin call with {@code methods}: browser-based MCP clients fetch the discovery documents and
     * register before they hold a token (agentgateway sends the same headers).
     */
    static void allowAnyOrigin(Response response, String methods) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, methods);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "content-type");
    }
}
