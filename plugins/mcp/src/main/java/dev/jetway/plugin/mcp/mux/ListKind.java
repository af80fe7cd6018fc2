package dev.jetway.plugin.mcp.mux;

import java.util.Arrays;
import java.util.Optional;

/**
 * MCP's list methods, with the field each lists, the field that names an item, and what an item is (agentgateway's
 * CEL names it {@code mcp.tool}, {@code mcp.prompt} or {@code mcp.resource}).
 */
public enum ListKind {
    TOOLS("tools/list", "tools", "name", false, "tool"),
    PROMPTS("prompts/list", "prompts", "name", false, "prompt"),
    RESOURCES("resources/list", "resources", "uri", true, "resource"),
    RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "uriTemplate", true, "resource");

    final String method;
    /** The result's field that holds the items. */
    public final String items;
    /** The item's field that names it. */
    public final String key;
    /** Whether items are named by URI ({@code <target>+<uri>} when multiplexing) rather than by name. */
    public final boolean uri;
    /** What an item is: tool, prompt or resource. */
    public final String item;

    ListKind(String method, String items, String key, boolean uri, String item) {
        this.method = method;
        this.items = items;
        this.key = key;
        this.uri = uri;
        this.item = item;
    }

    public static Optional<ListKind> of(String method) {
        return Arrays.stream(values()).filter(kind -> kind.method.equals(method)).findFirst();
    }
}
