package dev.jetway.plugin.mcpopenapi;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The result of a {@code tools/call} from the API's answer. The body is the text content; a JSON answer is also the
 * structured content (an object as it is, anything else under {@code data}, as agentgateway wraps it). An HTTP error
 * status is a tool error ({@code isError}), which the model sees with the status and the API's own words.
 */
final class ToolResults {

    private ToolResults() {
    }

    static ObjectNode answered(int status, String body) {
        boolean ok = status / 100 == 2;
        String statusLine = "HTTP " + status + " " + HttpStatus.getMessage(status);
        if (!ok) {
            return error(body.isBlank() ? statusLine : statusLine + ": " + body);
        }
        ObjectNode result = text(body.isEmpty() ? statusLine : body);
        JsonNode json = json(body);
        if (json instanceof ObjectNode object) {
            result.set("structuredContent", object);
        } else if (json != null && !json.isNull()) {
            result.putObject("structuredContent").set("data", json);
        }
        return result.put("isError", false);
    }

    /** A tool error: the call did not reach the API, or the API refused it. */
    static ObjectNode error(String message) {
        return text(message).put("isError", true);
    }

    private static ObjectNode text(String text) {
        ObjectNode result = JsonRpc.object();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }

    /** The body as JSON, or {@code null} when it is not JSON (whatever the Content-Type said). */
    private static JsonNode json(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return JsonRpc.parse(body);
        } catch (IOException e) {
            return null;
        }
    }
}
