package dev.jetway.plugin.mcp.mux;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;

/**
 * The gateway's own answer to {@code initialize} when it multiplexes: the lowest protocol version any target chose
 * (so every target can follow the session), the union of the capabilities the gateway can route, and every
 * target's instructions.
 */
final class InitializeMerger implements Plan.Merger {

    /**
     * Capabilities whose requests the gateway knows how to route across targets ({@code tasks} by the target in the
     * task id, see {@link TaskIds}). Others (experimental ones) are left out rather than advertised and then refused.
     */
    static final List<String> ROUTABLE_CAPABILITIES = List.of("tools", "prompts", "resources", "logging", "completions", "tasks");

    private final ObjectNode serverInfo;

    InitializeMerger(ObjectNode serverInfo) {
        this.serverInfo = serverInfo;
    }

    @Override
    public ObjectNode merge(Map<String, ObjectNode> results) {
        String version = null;
        ObjectNode capabilities = JsonRpc.object();
        StringJoiner instructions = new StringJoiner("\n\n");
        for (Map.Entry<String, ObjectNode> entry : results.entrySet()) {
            ObjectNode result = entry.getValue();
            String theirs = result.path("protocolVersion").asText(null);
            // Versions are dates: the lowest sorts first.
            if (theirs != null && (version == null || theirs.compareTo(version) < 0)) {
                version = theirs;
            }
            JsonNode offered = result.path("capabilities");
            for (String capability : ROUTABLE_CAPABILITIES) {
                if (offered.get(capability) instanceof ObjectNode value) {
                    JsonNode existing = capabilities.get(capability);
                    capabilities.set(capability, existing instanceof ObjectNode known ? union(known, value) : value.deepCopy());
                }
            }
            String text = result.path("instructions").asText("");
            if (!text.isBlank()) {
                instructions.add(entry.getKey() + ": " + text.strip());
            }
        }
        ObjectNode merged = JsonRpc.object();
        merged.put("protocolVersion", version);
        merged.set("capabilities", capabilities);
        merged.set("serverInfo", serverInfo.deepCopy());
        if (instructions.length() > 0) {
            merged.put("instructions", instructions.toString());
        }
        return merged;
    }

    /** Deep union of two capability objects; a flag is on when any target turns it on. */
    private static ObjectNode union(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> field : from.properties()) {
            JsonNode mine = into.get(field.getKey());
            JsonNode theirs = field.getValue();
            if (mine instanceof ObjectNode a && theirs instanceof ObjectNode b) {
                union(a, b);
            } else if (mine == null || mine.isBoolean() && theirs.isBoolean() && theirs.asBoolean()) {
                into.set(field.getKey(), theirs.deepCopy());
            }
        }
        return into;
    }
}
