package dev.jetway.plugin.mcp.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The exchange of a {@code tools/list}: the tools in its answer are recorded in the backend's catalog on the way. */
final class ListingExchange implements ClientExchange {

    private final ClientExchange client;
    private final ToolCatalog catalog;

    ListingExchange(ClientExchange client, ToolCatalog catalog) {
        this.client = client;
        this.catalog = catalog;
    }

    @Override
    public boolean message(ObjectNode message) {
        return client.message(message);
    }

    @Override
    public void respond(ObjectNode response) {
        catalog.listed(response.path("result"));
        client.respond(response);
    }

    @Override
    public void establish(String sessionId) {
        client.establish(sessionId);
    }

    @Override
    public boolean open() {
        return client.open();
    }
}
