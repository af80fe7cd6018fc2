package dev.jetway.plugin.mcp.jsonrpc;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 messages as Jackson trees. Messages are passed through as {@link ObjectNode}s rather than bound to
 * classes, so that fields and methods newer than this code reach the other side unchanged.
 */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** MCP's "connection closed" / generic server error, used for session-level refusals on the HTTP transport. */
    public static final int SERVER_ERROR = -32000;
    /** A request the upstream did not answer in time (the code MCP SDKs use for their own request timeouts). */
    public static final int REQUEST_TIMEOUT = -32001;
    /**
     * A request the client cancelled: the gateway stops waiting for it (LSP's code; MCP defines none, and clients ignore
     * answers to requests they cancelled).
     */
    public static final int REQUEST_CANCELLED = -32800;
    /** An unknown {@code Mcp-Session-Id} (with HTTP 404), as MCP's reference SDK answers it. */
    public static final int SESSION_NOT_FOUND = -32001;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Numbers keep their exact form when passed through (ids, progress values).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // One body, one value: what follows it (a second value, garbage) makes the whole a parse error.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    /** What a message is, from its fields. */
    public enum Kind { REQUEST, NOTIFICATION, RESPONSE, INVALID }

    private JsonRpc() {
    }

    /** @throws IOException when the bytes are not one JSON value, with Jackson's description of where and why */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return present(MAPPER.readTree(bytes));
    }

    /** {@link #parse(byte[])} of a part of {@code bytes}, such as a line in a child's stdout buffer. */
    public static JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
        return present(MAPPER.readTree(bytes, offset, length));
    }

    /** {@link #parse(byte[])} for text already decoded, such as an upstream's error body. */
    public static JsonNode parse(String text) throws IOException {
        return present(MAPPER.readTree(text));
    }

    private static JsonNode present(JsonNode node) throws IOException {
        if (node == null || node.isMissingNode()) {
            throw new IOException("no JSON value");
        }
        return node;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree cannot fail to serialize", e);
        }
    }

    public static String text(JsonNode node) {
        return node.toString();
    }

    public static Kind kind(JsonNode message) {
        if (!(message instanceof ObjectNode object)) {
            return Kind.INVALID;
        }
        JsonNode method = object.get("method");
        boolean hasId = object.hasNonNull("id") && (object.get("id").isTextual() || object.get("id").isNumber());
        if (method != null) {
            if (!method.isTextual()) {
                return Kind.INVALID;
            }
            return hasId ? Kind.REQUEST : object.has("id") ? Kind.INVALID : Kind.NOTIFICATION;
        }
        boolean answers = object.has("result") ^ object.has("error");
        return answers && object.has("id") ? Kind.RESPONSE : Kind.INVALID;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ObjectNode request(JsonNode id, String method, JsonNode params) {
        ObjectNode message = object().put("jsonrpc", "2.0");
        message.set("id", id);
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode message = object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = object().put("jsonrpc", "2.0");
        message.set("id", id == null ? NODES.nullNode() : id);
        message.set("result", result);
        return message;
    }

    public static ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode message = object().put("jsonrpc", "2.0");
        message.set("id", id == null ? NODES.nullNode() : id);
        message.putObject("error").put("code", code).put("message", text);
        return message;
    }

    /** An error raised by the gateway on behalf of one target, naming it in the message and in {@code data}. */
    public static ObjectNode targetError(JsonNode id, int code, String target, String text) {
        ObjectNode message = error(id, code, text);
        ((ObjectNode) message.get("error")).putObject("data").put("target", target);
        return message;
    }

    public static boolean isError(JsonNode response) {
        return response.has("error");
    }

    /** The error's message, for logs and for errors that wrap it. */
    public static String errorMessage(JsonNode response) {
        JsonNode error = response.path("error");
        return error.path("message").asText("error " + error.path("code").asText());
    }

    /**
     * Whether two ids are the same JSON-RPC id: the id 7 the gateway wrote and the 7 a target sends back are held in
     * different Java types (a long written, an int read), which {@link JsonNode#equals} tells apart.
     */
    public static boolean sameId(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isIntegralNumber() && b.isIntegralNumber()) {
            return a.bigIntegerValue().equals(b.bigIntegerValue());
        }
        return a != null && a.equals(b);
    }

    public static String method(JsonNode message) {
        return message.path("method").asText();
    }

    public static ObjectNode params(ObjectNode message) {
        JsonNode params = message.get("params");
        return params instanceof ObjectNode object ? object : null;
    }

    public static JsonNodeFactory nodes() {
        return NODES;
    }
}
