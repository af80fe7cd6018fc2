package dev.jetway.plugin.mcp.jsonrpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC messages of one client POST, sorted by kind: one message, or a batch (protocol 2025-03-26).
 *
 * @param batch whether the body was an array, so that the answers go back as one too
 */
public record Incoming(List<ObjectNode> requests, List<ObjectNode> notifications, List<ObjectNode> responses, boolean batch) {

    /** A body that is not valid JSON-RPC, with the error response that says why. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ObjectNode error;

        Invalid(ObjectNode error) {
            super(JsonRpc.errorMessage(error));
            this.error = error;
        }

        public ObjectNode error() {
            return error;
        }
    }

    /** @throws Invalid with a parse error (-32700) or an invalid-request error (-32600) */
    public static Incoming parse(byte[] body) throws Invalid {
        JsonNode json;
        try {
            json = JsonRpc.parse(body);
        } catch (IOException e) {
            throw new Invalid(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: " + firstLine(e.getMessage())));
        }
        List<JsonNode> messages = new ArrayList<>();
        if (json.isArray()) {
            if (json.isEmpty()) {
                throw new Invalid(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid Request: empty batch"));
            }
            json.forEach(messages::add);
        } else {
            messages.add(json);
        }
        Incoming incoming = new Incoming(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), json.isArray());
        for (JsonNode message : messages) {
            incoming.add(message);
        }
        return incoming;
    }

    private void add(JsonNode message) throws Invalid {
        JsonNode id = message.isObject() ? message.get("id") : null;
        if (!message.isObject()) {
            throw new Invalid(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is an object"));
        }
        if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
            throw new Invalid(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\""));
        }
        switch (JsonRpc.kind(message)) {
            case REQUEST -> requests.add((ObjectNode) message);
            case NOTIFICATION -> notifications.add((ObjectNode) message);
            case RESPONSE -> responses.add((ObjectNode) message);
            case INVALID -> throw new Invalid(JsonRpc.error(id != null && (id.isTextual() || id.isNumber()) ? id : null,
                    JsonRpc.INVALID_REQUEST, "Invalid Request: a message needs a string \"method\" (with a string or number"
                            + " \"id\" for a request), or an \"id\" with a \"result\" or an \"error\""));
        }
    }

    /** Whether the body is a client's {@code initialize}. */
    public boolean initializes() {
        return requests.stream().anyMatch(request -> JsonRpc.method(request).equals("initialize"));
    }

    public int size() {
        return requests.size() + notifications.size() + responses.size();
    }

    private static String firstLine(String message) {
        int end = message == null ? -1 : message.indexOf('\n');
        return message == null ? "invalid JSON" : end < 0 ? message : message.substring(0, end);
    }
}
