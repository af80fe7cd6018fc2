package dev.jetway.plugin.mcp.mux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;

/**
 * The pagination cursor of a merged list: for each target that has more to list, the cursor it gave. Targets that
 * are absent have been listed to the end, so the next page only asks the others. Opaque to clients (base64url).
 */
final class FanOutCursor {

    private FanOutCursor() {
    }

    static String encode(Map<String, String> positions) {
        ObjectNode json = JsonRpc.object();
        positions.forEach(json::put);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JsonRpc.bytes(json));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one this gateway gave */
    static Map<String, String> decode(String cursor) {
        try {
            JsonNode json = JsonRpc.parse(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)));
            if (!json.isObject() || json.isEmpty()) {
                throw new IllegalArgumentException("not a gateway cursor");
            }
            Map<String, String> positions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : json.properties()) {
                if (!entry.getValue().isTextual()) {
                    throw new IllegalArgumentException("not a gateway cursor");
                }
                positions.put(entry.getKey(), entry.getValue().asText());
            }
            return positions;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cursor: " + cursor, e);
        }
    }
}
