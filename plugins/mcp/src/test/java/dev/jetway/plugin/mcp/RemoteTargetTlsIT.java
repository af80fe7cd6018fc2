package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.jetway.core.testing.Nginx;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.Mcp;
import dev.jetway.plugin.mcp.testing.McpClients;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code https://} MCP target: server-everything behind nginx TLS with a certificate from a private CA, verified
 * through a {@code backendTLS} certificate ref, and refused, naming the check, without one.
 */
class RemoteTargetTlsIT {

    @TempDir
    static Path dir;
    static Nginx nginx;
    static TlsGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Everything upstream = Everything.shared("streamableHttp");
        TestCertificates upstreamCa = TestCertificates.newCa("mcp upstream CA");
        Path tls = upstreamCa.server(KeyType.EC, "localhost").write(dir.resolve("nginx"), KeyFormat.PKCS8);
        nginx = Nginx.start(dir.resolve("nginx"), """
                server {
                    listen 127.0.0.1:%%PORT%% ssl;
                    ssl_certificate %1$s/cert.pem;
                    ssl_certificate_key %1$s/key.pem;
                    location / {
                        proxy_pass http://127.0.0.1:%2$d;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_buffering off;
                    }
                }
                """.formatted(tls, upstream.port()));
        Files.createDirectories(dir.resolve("refs/upstream-ca"));
        Files.move(upstreamCa.writeCa(dir.resolve("ca")), dir.resolve("refs/upstream-ca/ca.crt"));
        String target = "targets:\n- name: secure\n  mcp: {host: \"https://localhost:" + nginx.port() + "/mcp\"}";
        gateway = TlsGateway.startRoutes(dir, """
                - matches: [{path: {pathPrefix: /verified}}]
                  policies:
                    backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}]}}
                  backends:
                  - mcp:
                %1$s
                - backends:
                  - mcp:
                %1$s
                """.formatted(target.indent(6).stripTrailing()), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        nginx.close();
    }

    @Test
    void aCaRefVerifiesTheUpstream() {
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/verified/mcp",
                TlsGateway.clientContext()))) {
            McpSchema.CallToolResult echo = client.callTool(Mcp.call("echo", Map.of("message", "over verified TLS")));
            assertEquals("Echo: over verified TLS", ((McpSchema.TextContent) echo.content().get(0)).text());
        }
    }

    @Test
    void theSystemRootsRefuseItWithAJsonRpcErrorNamingTheCheck() {
        Exception refused = assertThrows(Exception.class, () -> McpClients.connected(
                McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext())).close());
        String message = String.valueOf(refused.getMessage()) + " " + refused.getCause();
        assertTrue(message.contains("unknown CA"), message);
    }
}
