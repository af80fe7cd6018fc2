package dev.jetway.plugin.mcp.session;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.mux.ListKind;
import dev.jetway.plugin.mcp.mux.Naming;

/**
 * The exchange of a list request ({@code tools/list}, {@code prompts/list}, ...): items the client may not see are
 * taken out of the answer, and the tools left are recorded in the backend's catalog, on the way to the client.
 */
final class ListExchange implements ClientExchange {

    private final ClientExchange client;
    private final ListKind kind;
    private final SessionSettings settings;
    private final McpAccess access;

    ListExchange(ClientExchange client, ListKind kind, SessionSettings settings, McpAccess access) {
        this.client = client;
        this.kind = kind;
        this.settings = settings;
        this.access = access;
    }

    @Override
    public boolean message(ObjectNode message) {
        return client.message(message);
    }

    @Override
    public void respond(ObjectNode response) {
        JsonNode result = response.path("result");
        if (access != McpAccess.ALL) {
            for (Iterator<JsonNode> items = result.path(kind.items).iterator(); items.hasNext(); ) {
                String name = items.next().path(kind.key).asText(null);
                Optional<Naming.Qualified> item = settings.split(name, kind.uri);
                if (item.isEmpty() || !access.allows(kind.item, item.get().target(), item.get().local())) {
                    items.remove();
                }
            }
        }
        if (kind == ListKind.TOOLS) {
            settings.tools().listed(result);
        }
        client.respond(response);
    }

    @Override
    public void establish(String sessionId) {
        client.establish(sessionId);
    }

    @Override
    public Map<String, String> traceHeaders() {
        return client.traceHeaders();
    }

    @Override
    public boolean open() {
        return client.open();
    }
}
