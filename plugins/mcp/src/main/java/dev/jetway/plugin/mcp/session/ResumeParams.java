package dev.jetway.plugin.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;

/**
 * The part of a client's {@code initialize} parameters a session id carries, for a replica that initializes upstreams
 * again: the protocol version, the capabilities, and the client's name, title and version. The rest (icons, which
 * MCP lets clients send as data URIs of any size, and whatever later versions add) stays out, so that the id, sent in
 * a header with every request, stays small whatever the client sent.
 */
final class ResumeParams {

    /** Capabilities larger than this are carried as none: a header must stay well under servers' 8 KB limits. */
    static final int MAX_CAPABILITIES_BYTES = 1024;
    static final int MAX_TEXT = 128;

    private ResumeParams() {
    }

    static ObjectNode of(ObjectNode params) {
        ObjectNode kept = JsonRpc.object();
        text(params.path("protocolVersion"), "protocolVersion", kept);
        JsonNode capabilities = params.get("capabilities");
        if (capabilities instanceof ObjectNode object && JsonRpc.bytes(object).length <= MAX_CAPABILITIES_BYTES) {
            kept.set("capabilities", object.deepCopy());
        } else {
            kept.putObject("capabilities");
        }
        ObjectNode client = kept.putObject("clientInfo");
        JsonNode info = params.path("clientInfo");
        text(info.path("name"), "name", client);
        text(info.path("title"), "title", client);
        text(info.path("version"), "version", client);
        return kept;
    }

    private static void text(JsonNode value, String field, ObjectNode into) {
        if (value.isTextual()) {
            String text = value.asText();
            into.put(field, text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT));
        }
    }
}
