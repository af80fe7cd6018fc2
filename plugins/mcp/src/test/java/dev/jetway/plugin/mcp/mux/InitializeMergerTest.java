package dev.jetway.plugin.mcp.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.junit.jupiter.api.Test;

class InitializeMergerTest {

    @Test
    void lowestVersionUnionOfRoutableCapabilitiesAndEveryTargetsInstructions() throws Exception {
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        results.put("a", (ObjectNode) JsonRpc.parse(("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{},"
                + "\"resources\":{\"subscribe\":true},\"tasks\":{\"list\":{},\"requests\":{\"tools\":{\"call\":{}}}},"
                + "\"experimental\":{\"x\":{}}},\"instructions\":\"Use a.\"}").getBytes()));
        results.put("b", (ObjectNode) JsonRpc.parse(("{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{\"tools\":{\"listChanged\":true},"
                + "\"resources\":{\"subscribe\":false,\"listChanged\":true},\"logging\":{},\"tasks\":{\"cancel\":{}}},"
                + "\"instructions\":\"Use b.\"}").getBytes()));
        ObjectNode merged = new InitializeMerger(JsonRpc.object().put("name", "jetway").put("version", "1")).merge(results);
        assertEquals("2024-11-05", merged.path("protocolVersion").asText());
        // Tasks are routed by their qualified ids (MultiplexerTest): the union of what the targets offer.
        assertEquals("{\"tools\":{\"listChanged\":true},\"resources\":{\"subscribe\":true,\"listChanged\":true},"
                + "\"tasks\":{\"list\":{},\"requests\":{\"tools\":{\"call\":{}}},\"cancel\":{}},\"logging\":{}}",
                merged.get("capabilities").toString());
        assertFalse(merged.path("capabilities").has("experimental"));
        assertEquals("a: Use a.\n\nb: Use b.", merged.path("instructions").asText());
        assertEquals("jetway", merged.path("serverInfo").path("name").asText());
    }
}
