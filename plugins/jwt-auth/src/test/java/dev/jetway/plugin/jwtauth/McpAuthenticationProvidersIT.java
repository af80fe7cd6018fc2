package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import dev.jetway.plugin.jwtauth.testing.OAuthProvider;
import dev.jetway.plugin.mcp.testing.Everything;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpAuthentication}'s provider adaptations (Auth0's audience, Keycloak's discovery document and client
 * registration proxy), its optional mode, a failing authorization server, and a token jwtAuth already took.
 */
class McpAuthenticationProvidersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static OAuthProvider provider;
    static Upstream keycloak;
    static TestGateway gateway;

    /**
     * A stand-in for Keycloak, which cannot run here: its OpenID discovery document (Keycloak serves no RFC 8414
     * one) and its client registration endpoint, which answers without CORS headers.
     */
    static final class KeycloakRealm extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String realm = "http://127.0.0.1:" + Request.getLocalPort(request) + "/realms/mcp";
            String path = request.getHttpURI().getPath();
            if (path.equals("/realms/mcp/.well-known/openid-configuration")) {
                write(response, callback, 200, "{\"issuer\":\"" + realm + "\",\"token_endpoint\":\"" + realm
                        + "/protocol/openid-connect/token\",\"registration_endpoint\":\"" + realm
                        + "/clients-registrations/openid-connect\"}");
            } else if (path.equals("/realms/mcp/clients-registrations/openid-connect") && HttpMethod.POST.is(request.getMethod())) {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                write(response, callback, 201, "{\"client_id\":\"registered\",\"request\":" + body + ",\"type\":\""
                        + request.getHeaders().get(HttpHeader.CONTENT_TYPE) + "\"}");
            } else {
                write(response, callback, 404, "{}");
            }
            return true;
        }

        private static void write(Response response, Callback callback, int status, String json) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        provider = OAuthProvider.start();
        keycloak = Upstream.start(new KeycloakRealm());
        int closed = Everything.freePort();
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: auth0
                      matches: [{path: {pathPrefix: /a0}}, {path: {pathPrefix: /.well-known/oauth-authorization-server/a0}},
                                {path: {pathPrefix: /.well-known/oauth-protected-resource/a0}}]
                      policies:
                        mcpAuthentication:
                          issuer: %1$s
                          audiences: ["urn:my api"]
                          jwks: {url: %1$s/jwks}
                          provider: {auth0: {}}
                          resourceMetadata: {}
                        directResponse: {body: "mcp", status: 200}
                    - name: keycloak
                      matches: [{path: {pathPrefix: /kc}}, {path: {pathPrefix: /.well-known/oauth-authorization-server/kc}}]
                      policies:
                        mcpAuthentication:
                          issuer: http://127.0.0.1:%2$d/realms/mcp
                          audiences: [mcp_proxy]
                          jwks: {url: http://127.0.0.1:%2$d/realms/mcp/protocol/openid-connect/certs}
                          provider: {keycloak: {}}
                          resourceMetadata: {}
                        directResponse: {body: "mcp", status: 200}
                    - name: optional
                      matches: [{path: {pathPrefix: /opt}}, {path: {pathPrefix: /.well-known/oauth-authorization-server/opt}}]
                      policies:
                        mcpAuthentication:
                          mode: optional
                          issuer: http://127.0.0.1:%3$d
                          audiences: [a]
                          jwks: {url: %1$s/jwks}
                          resourceMetadata: {resource: "https://mcp.example.com/opt"}
                        directResponse: {body: "mcp", status: 200}
                - port: 0
                  listeners:
                  - policies:
                      jwtAuth: {issuer: %1$s, jwks: {url: %1$s/jwks}}
                    routes:
                    - policies:
                        mcpAuthentication:
                          issuer: %1$s
                          audiences: [a]
                          jwks: {url: %1$s/jwks}
                          resourceMetadata: {}
                        directResponse: {body: "mcp", status: 200}
                """.formatted(provider.issuer(), keycloak.port(), closed), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        keycloak.close();
        provider.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + path, Map.of());
    }

    @Test
    void auth0GetsTheAudienceInItsAuthorizationUrlAndIsReachedThroughTheGateway() throws Exception {
        String self = "http://127.0.0.1:" + gateway.port();
        JsonNode resource = JSON.readTree(get("/.well-known/oauth-protected-resource/a0/mcp").body());
        assertEquals(self + "/a0/mcp", resource.get("resource").asText());
        assertEquals(self + "/a0/mcp", resource.get("authorization_servers").get(0).asText(),
                "clients fetch the adapted metadata from the gateway");
        HttpResponse<String> metadata = get("/.well-known/oauth-authorization-server/a0/mcp");
        assertEquals(200, metadata.statusCode(), metadata.body());
        assertEquals(provider.issuer() + "/authorize?audience=urn%3Amy+api",
                JSON.readTree(metadata.body()).get("authorization_endpoint").asText());
    }

    @Test
    void keycloakRegistrationIsProxiedWithCors() throws Exception {
        String self = "http://127.0.0.1:" + gateway.port() + "/.well-known/oauth-authorization-server/kc/mcp";
        HttpResponse<String> metadata = get("/.well-known/oauth-authorization-server/kc/mcp");
        assertEquals(200, metadata.statusCode(), metadata.body());
        assertEquals(self + "/client-registration", JSON.readTree(metadata.body()).get("registration_endpoint").asText());

        HttpResponse<String> registered = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(self + "/client-registration"))
                .header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"redirect_uris\":[\"http://localhost/cb\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, registered.statusCode(), registered.body());
        assertEquals("*", registered.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertEquals(JSON.readTree("{\"client_id\":\"registered\",\"request\":{\"redirect_uris\":[\"http://localhost/cb\"]},"
                + "\"type\":\"application/json\"}"), JSON.readTree(registered.body()));
    }

    @Test
    void optionalModeLetsAnonymousRequestsThroughAndAFailingServerIs500() throws Exception {
        assertEquals("mcp", get("/opt/mcp").body());
        HttpResponse<String> invalid = Http.get("http://127.0.0.1:" + gateway.port() + "/opt/mcp",
                Map.of("Authorization", "Bearer not-a-jwt"));
        assertEquals(401, invalid.statusCode());
        assertEquals("Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/opt/mcp\","
                        + " error=\"invalid_token\", error_description=\"malformed token\"",
                invalid.headers().firstValue("WWW-Authenticate").orElseThrow(), "the configured resource's origin");
        HttpResponse<String> down = get("/.well-known/oauth-authorization-server/opt/mcp");
        assertEquals(500, down.statusCode());
    }

    @Test
    void aTokenJwtAuthAlreadyTookIsRefused() throws Exception {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + gateway.port(1) + "/mcp",
                Map.of("Authorization", "Bearer " + provider.token(Map.of("aud", "a"))));
        assertEquals(401, response.statusCode());
        assertEquals("the token was already verified and removed by jwtAuth; use mcpAuthentication alone for this route",
                JSON.readTree(response.body()).get("error_description").asText());
    }
}
