package dev.jetway.plugin.mcp.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tool names the backend's targets have listed to clients, as clients see them. A tool name in a client's
 * {@code tools/call} is the client's word, unbounded in length and count; only names a target listed may become
 * metric labels or log fields, so that clients cannot grow the gateway's memory by inventing tools. Bounded too,
 * against a target that lists without end: names longer than MCP's 128 characters, and names beyond the cap, are
 * not kept.
 */
public final class ToolCatalog {

    /** MCP (2025-11-25) says tool names SHOULD be 1 to 128 characters. */
    public static final int MAX_NAME_LENGTH = 128;
    static final int MAX_TOOLS = 4096;

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** Records the tools of a {@code tools/list} result the client is about to get. */
    void listed(JsonNode result) {
        for (JsonNode tool : result.path("tools")) {
            String name = tool.path("name").asText("");
            if (!name.isEmpty() && name.length() <= MAX_NAME_LENGTH && names.size() < MAX_TOOLS) {
                names.add(name);
            }
        }
    }

    /** Whether a target listed {@code name} (as the client sees it). */
    public boolean contains(String name) {
        return names.contains(name);
    }
}
