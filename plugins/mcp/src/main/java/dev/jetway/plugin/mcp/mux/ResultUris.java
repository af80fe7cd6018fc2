package dev.jetway.plugin.mcp.mux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Qualifies the resource URIs inside results with their target, so that a client can read through the gateway what
 * a target points at: the contents of {@code resources/read}, resource links and embedded resources in
 * {@code tools/call} content and {@code prompts/get} messages.
 */
final class ResultUris {

    private ResultUris() {
    }

    static ObjectNode qualify(ObjectNode result, String target, Naming naming) {
        for (JsonNode contents : result.path("contents")) {
            qualifyUri(contents, target, naming);
        }
        for (JsonNode block : result.path("content")) {
            qualifyBlock(block, target, naming);
        }
        for (JsonNode message : result.path("messages")) {
            qualifyBlock(message.path("content"), target, naming);
        }
        return result;
    }

    private static void qualifyBlock(JsonNode block, String target, Naming naming) {
        String type = block.path("type").asText();
        if (type.equals("resource_link")) {
            qualifyUri(block, target, naming);
        } else if (type.equals("resource")) {
            qualifyUri(block.path("resource"), target, naming);
        }
    }

    private static void qualifyUri(JsonNode node, String target, Naming naming) {
        if (node instanceof ObjectNode object && object.path("uri").isTextual()) {
            object.put("uri", naming.uri(target, object.get("uri").asText()));
        }
    }
}
