package dev.jetway.plugin.mcpopenapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import dev.jetway.plugin.mcp.testing.McpClients;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpSyncClient;

/**
 * A {@link Petstore} and a real gateway in front of it, with the Petstore's OpenAPI document as {@code openapi.json}
 * in the gateway's folder.
 */
record PetstoreGateway(Petstore petstore, TlsGateway gateway) implements AutoCloseable {

    /** @param targets the YAML under {@code mcp:}, given the Petstore's address ({@code 127.0.0.1:<port>}) */
    static PetstoreGateway start(Path dir, UnaryOperator<String> targets) throws Exception {
        Petstore petstore = Petstore.open();
        Files.copy(Path.of("src/test/resources/petstore.json"), dir.resolve("openapi.json"));
        return new PetstoreGateway(petstore, TlsGateway.start(dir, targets.apply(petstore.address())));
    }

    /** The Java MCP SDK's client, initialized, on the gateway's streamable HTTP endpoint. */
    McpSyncClient client() {
        return McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext()));
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        petstore.close();
    }
}
