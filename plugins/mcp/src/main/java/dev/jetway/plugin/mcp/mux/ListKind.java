package dev.jetway.plugin.mcp.mux;

import java.util.Arrays;
import java.util.Optional;

/** The list methods a multiplexing gateway fans out, with the field each lists and the field that names an item. */
enum ListKind {
    TOOLS("tools/list", "tools", "name", false),
    PROMPTS("prompts/list", "prompts", "name", false),
    RESOURCES("resources/list", "resources", "uri", true),
    RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "uriTemplate", true);

    final String method;
    final String items;
    final String key;
    final boolean uri;

    ListKind(String method, String items, String key, boolean uri) {
        this.method = method;
        this.items = items;
        this.key = key;
        this.uri = uri;
    }

    static Optional<ListKind> of(String method) {
        return Arrays.stream(values()).filter(kind -> kind.method.equals(method)).findFirst();
    }
}
