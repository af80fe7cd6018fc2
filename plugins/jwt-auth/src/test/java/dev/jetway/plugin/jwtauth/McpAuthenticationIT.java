package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.plugin.jwtauth.testing.OAuthProvider;
import dev.jetway.plugin.mcp.testing.Curl;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.Mcp;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientAuthorizationErrorHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpAuthentication} end to end, as MCP clients meet it: an HTTPS gateway in front of the real
 * server-everything, tokens from a real OAuth provider (oauth2-mock-server), discovered from the 401's challenge by
 * curl and by the Java MCP SDK.
 */
class McpAuthenticationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"curl","version":"1"}}}""";

    @TempDir
    static Path dir;
    static OAuthProvider provider;
    static TlsGateway gateway;
    static String resource;

    @BeforeAll
    static void start() throws Exception {
        provider = OAuthProvider.start();
        int port = Everything.freePort();
        resource = "https://localhost:" + port + "/mcp";
        String routes = """
                - matches:
                  - path: {exact: /mcp}
                  - path: {exact: /.well-known/oauth-protected-resource/mcp}
                  - path: {exact: /.well-known/oauth-authorization-server/mcp}
                  policies:
                    mcpAuthentication:
                      issuer: %s
                      audiences: [%s]
                      jwks: {url: %s}
                      resourceMetadata:
                        scopesSupported: [read:all]
                        bearerMethodsSupported: [header]
                        resourceDocumentation: https://localhost:%d/docs
                  backends:
                  - mcp:
                      targets:
                      - name: everything
                        %s
                """.formatted(provider.issuer(), resource, provider.jwksUrl(), port, Everything.stdioYaml());
        gateway = TlsGateway.startYaml(dir, TlsGateway.yaml(routes).replace("port: 0", "port: " + port), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        provider.close();
    }

    private static Curl.Reply curl(String... args) throws Exception {
        return Curl.run(gateway.caFile(), args);
    }

    private static Curl.Reply initialize(String token) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-X", "POST", resource, "-H", "content-type: application/json",
                "-H", "accept: application/json, text/event-stream", "-d", INITIALIZE));
        if (token != null) {
            args.addAll(List.of("-H", "authorization: Bearer " + token));
        }
        return curl(args.toArray(String[]::new));
    }

    @Test
    void curlFollowsTheChallengeToATokenAndInitializes() throws Exception {
        Curl.Reply refused = initialize(null);
        assertEquals(401, refused.status());
        String metadataUrl = resource.replace("/mcp", "/.well-known/oauth-protected-resource/mcp");
        assertEquals("Bearer resource_metadata=\"" + metadataUrl + "\"", refused.header("www-authenticate"));
        assertEquals("{\"error\":\"unauthorized\",\"error_description\":\"no bearer token\"}", refused.body());

        Curl.Reply metadata = curl(metadataUrl);
        assertEquals(200, metadata.status());
        assertEquals("*", metadata.header("access-control-allow-origin"));
        JsonNode resourceMetadata = JSON.readTree(metadata.body());
        assertEquals(JSON.readTree("""
                {"resource": "%s", "authorization_servers": ["%s"], "mcp_protocol_version": "2025-06-18",
                 "resource_type": "mcp-server", "scopes_supported": ["read:all"], "bearer_methods_supported": ["header"],
                 "resource_documentation": "%s"}
                """.formatted(resource, provider.issuer(), resource.replace("/mcp", "/docs"))), resourceMetadata);

        Curl.Reply serverMetadata = curl(resource.replace("/mcp", "/.well-known/oauth-authorization-server/mcp"));
        assertEquals(200, serverMetadata.status(), serverMetadata.body());
        assertEquals("*", serverMetadata.header("access-control-allow-origin"));
        String tokenEndpoint = JSON.readTree(serverMetadata.body()).get("token_endpoint").asText();
        assertEquals(provider.issuer() + "/token", tokenEndpoint);

        String token = JSON.readTree(curl("-X", "POST", tokenEndpoint, "-d", "grant_type=client_credentials",
                "-d", "scope=read:all", "-d", "resource=" + resource).body()).get("access_token").asText();
        Curl.Reply initialized = initialize(token);
        assertEquals(200, initialized.status(), initialized.body());
        assertTrue(initialized.body().contains("\"serverInfo\":{\"name\":\"mcp-servers/everything\""), initialized.body());

        String elsewhere = JSON.readTree(curl("-X", "POST", tokenEndpoint, "-d", "grant_type=client_credentials",
                "-d", "resource=https://elsewhere.example.com/mcp").body()).get("access_token").asText();
        Curl.Reply wrongAudience = initialize(elsewhere);
        assertEquals(401, wrongAudience.status());
        assertEquals("Bearer resource_metadata=\"" + metadataUrl + "\", error=\"invalid_token\","
                + " error_description=\"wrong audience\"", wrongAudience.header("www-authenticate"));
    }

    @Test
    void theJavaSdkSendsTheTokenItFetchedAfterTheChallenge() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TlsGateway.clientContext()).build();
        AtomicReference<String> token = new AtomicReference<>();
        AtomicInteger challenges = new AtomicInteger();
        McpHttpClientAuthorizationErrorHandler oauth = McpHttpClientAuthorizationErrorHandler.fromSync((response, context) -> {
            challenges.incrementAndGet();
            Matcher challenge = Pattern.compile("resource_metadata=\"([^\"]+)\"")
                    .matcher(response.headers().firstValue("WWW-Authenticate").orElse(""));
            if (response.statusCode() != 401 || !challenge.find()) {
                return false;
            }
            try {
                JsonNode metadata = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(challenge.group(1))).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                String issuer = metadata.get("authorization_servers").get(0).asText();
                JsonNode server = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create(issuer + "/.well-known/oauth-authorization-server")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                String form = "grant_type=client_credentials&resource="
                        + URLEncoder.encode(metadata.get("resource").asText(), StandardCharsets.UTF_8);
                JsonNode issued = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.get("token_endpoint").asText()))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body());
                token.set(issued.get("access_token").asText());
                return true;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(gateway.url())
                .endpoint("/mcp")
                .customizeClient(builder -> builder.sslContext(TlsGateway.clientContext()))
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (token.get() != null) {
                        request.header("Authorization", "Bearer " + token.get());
                    }
                })
                .authorizationErrorHandler(oauth)
                .build();
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(java.time.Duration.ofSeconds(30)).build()) {
            client.initialize();
            assertEquals("mcp-servers/everything", client.getServerInfo().name());
            assertEquals("Echo: authenticated", Mcp.text(client.callTool(Mcp.call("echo", Map.of("message", "authenticated")))));
            assertEquals(1, challenges.get(), "one challenge, then the token is sent with every request");
        }

        HttpClientStreamableHttpTransport anonymous = HttpClientStreamableHttpTransport.builder(gateway.url())
                .endpoint("/mcp").customizeClient(builder -> builder.sslContext(TlsGateway.clientContext())).build();
        try (McpSyncClient client = McpClient.sync(anonymous).requestTimeout(java.time.Duration.ofSeconds(30)).build()) {
            assertThrows(RuntimeException.class, client::initialize);
        }
    }
}
