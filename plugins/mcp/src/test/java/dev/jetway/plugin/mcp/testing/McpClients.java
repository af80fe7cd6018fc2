package dev.jetway.plugin.mcp.testing;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

/** The real Java MCP SDK client, over streamable HTTP or SSE, trusting the test CA. */
public final class McpClients {

    private McpClients() {
    }

    public static McpClient.SyncSpec streamable(String baseUrl, String endpoint, SSLContext ssl) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(endpoint)
                .customizeClient(builder -> builder.sslContext(ssl).connectTimeout(Duration.ofSeconds(10)))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60));
    }

    /** The SDK deprecates its legacy SSE transport; legacy clients still speak it, and the gateway serves it on /sse. */
    @SuppressWarnings("deprecation")
    public static McpClient.SyncSpec sse(String baseUrl, SSLContext ssl) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(baseUrl)
                .sseEndpoint("/sse")
                .customizeClient(builder -> builder.sslContext(ssl).connectTimeout(Duration.ofSeconds(10)))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60));
    }

    public static McpSyncClient connected(McpClient.SyncSpec spec) {
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }
}
