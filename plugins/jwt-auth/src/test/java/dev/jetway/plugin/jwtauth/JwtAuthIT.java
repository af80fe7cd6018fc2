package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import dev.jetway.plugin.jwtauth.testing.HeaderEcho;
import dev.jetway.plugin.jwtauth.testing.OAuthProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwtAuth} with a JWKS URL of a real OAuth provider (oauth2-mock-server) in front of a real upstream: what
 * passes, what is refused and why, the claims later policies see, the modes, and keys that rotate.
 */
class JwtAuthIT {

    private static OAuthProvider provider;
    private static Upstream upstream;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        provider = OAuthProvider.start();
        upstream = Upstream.start(new HeaderEcho());
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
        provider.close();
    }

    private TestGateway gateway(String mode) throws Exception {
        return TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        jwtAuth:
                          mode: %s
                          issuer: %s
                          audiences: [api.example.com, other.example.com]
                          jwks: {url: %s}
                        testExpressionHeader: {name: x-claims, expression: "[jwt.sub, jwt.nested.key, jwt.n + 1, jwt.f]"}
                      backends:
                      - host: %s
                """.formatted(mode, provider.issuer(), provider.jwksUrl(), upstream.address()), dir);
    }

    private static HttpResponse<String> get(TestGateway gateway, String token) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + "/x",
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("aud", "api.example.com");
        for (int i = 0; i < pairs.length; i += 2) {
            claims.put((String) pairs[i], pairs[i + 1]);
        }
        return claims;
    }

    @Test
    void aValidTokenPassesWithoutItsHeaderAndItsClaimsBecomeJwt() throws Exception {
        try (TestGateway gateway = gateway("strict")) {
            String token = provider.token(claims("sub", "alice", "nested", Map.of("key", "value"), "n", 41, "f", 1.5));
            HttpResponse<String> response = get(gateway, token);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("authorization=none", response.body(), "the token is not forwarded upstream");
            assertEquals("[alice, value, 42, 1.5] (ArrayList)", response.headers().firstValue("x-claims").orElseThrow(),
                    "nested claims are maps, whole numbers Long (42 = 41 + 1 in CEL), others Double");
            assertEquals(200, get(gateway, provider.token(claims("aud", java.util.List.of("x", "other.example.com"),
                    "sub", "bob", "nested", Map.of("key", "v"), "n", 1, "f", 2.0))).statusCode(), "any listed audience");
        }
    }

    @Test
    void refusedTokensGet401WithTheReason() throws Exception {
        try (TestGateway gateway = gateway("strict");
             OAuthProvider other = OAuthProvider.start()) {
            HttpResponse<String> missing = get(gateway, null);
            assertEquals(401, missing.statusCode());
            assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals("authentication failed: no bearer token\n", missing.body());

            String valid = provider.token(claims());
            String[] parts = valid.split("\\.");
            Map<String, String> refused = new java.util.LinkedHashMap<>();
            refused.put("token expired", provider.token(claims(), -300, provider.firstKid()));
            refused.put("token not valid yet", provider.token(claims("nbf", System.currentTimeMillis() / 1000 + 600)));
            refused.put("wrong audience", provider.token(claims("aud", "someone-else")));
            refused.put("wrong issuer", provider.token(claims("iss", "https://evil.example.com")));
            refused.put("token has no exp claim", provider.token(claims("exp", null)));
            refused.put("unknown key id", other.token(claims()));
            refused.put("invalid signature", parts[0] + "." + parts[1] + "." + other.token(claims()).split("\\.")[2]);
            refused.put("malformed token", "not-a-jwt");
            for (Map.Entry<String, String> entry : refused.entrySet()) {
                HttpResponse<String> response = get(gateway, entry.getValue());
                assertEquals(401, response.statusCode(), entry.getKey());
                assertEquals("authentication failed: " + entry.getKey() + "\n", response.body());
                assertEquals("Bearer error=\"invalid_token\", error_description=\"" + entry.getKey() + "\"",
                        response.headers().firstValue("WWW-Authenticate").orElseThrow());
            }
        }
    }

    @Test
    void optionalModeLetsRequestsWithoutATokenPass() throws Exception {
        try (TestGateway gateway = gateway("optional")) {
            HttpResponse<String> anonymous = get(gateway, null);
            assertEquals(200, anonymous.statusCode());
            assertEquals("error", anonymous.headers().firstValue("x-claims").orElseThrow(), "no jwt variable");
            assertEquals(401, get(gateway, provider.token(claims("aud", "someone-else"))).statusCode());
        }
    }

    @Test
    void permissiveModeNeverRefusesAndLeavesAnInvalidTokenAlone() throws Exception {
        try (TestGateway gateway = gateway("permissive")) {
            String expired = provider.token(claims(), -300, provider.firstKid());
            HttpResponse<String> response = get(gateway, expired);
            assertEquals(200, response.statusCode());
            assertEquals("authorization=Bearer " + expired, response.body());
            assertEquals(200, get(gateway, null).statusCode());
        }
    }

    @Test
    void aKeyTheProviderAddsLaterIsFetchedWhenATokenNamesIt() throws Exception {
        try (TestGateway gateway = gateway("strict")) {
            assertEquals(200, get(gateway, provider.token(claims("sub", "a", "nested", Map.of("key", "k"), "n", 1,
                    "f", 0.5))).statusCode());
            String rotated = provider.newKey("ES256");
            HttpResponse<String> response = get(gateway, provider.token(claims("sub", "b", "nested", Map.of("key", "k"),
                    "n", 1, "f", 0.5), 3600, rotated));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("[b, k, 2, 0.5] (ArrayList)", response.headers().firstValue("x-claims").orElseThrow());
        }
    }

    @Test
    void aListenerPolicyRunsBeforeRouting() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - policies:
                      jwtAuth: {mode: strict, issuer: %s, jwks: {url: %s}}
                    routes:
                    - matches: [{path: {pathPrefix: /x}}]
                      backends:
                      - host: %s
                """.formatted(provider.issuer(), provider.jwksUrl(), upstream.address()), dir)) {
            assertEquals(401, get(gateway, null).statusCode());
            assertEquals(401, Http.get("http://127.0.0.1:" + gateway.port() + "/unrouted", Map.of()).statusCode(),
                    "refused before routing, not 404");
            HttpResponse<String> ok = get(gateway, provider.token(Map.of()));
            assertEquals(200, ok.statusCode(), "no audiences: any aud, or none");
            assertNull(ok.headers().firstValue("x-claims").orElse(null));
            assertFalse(ok.body().contains("Bearer"));
        }
    }
}
