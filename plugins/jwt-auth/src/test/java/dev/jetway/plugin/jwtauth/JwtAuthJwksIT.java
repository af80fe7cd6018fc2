package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.plugin.jwtauth.testing.OAuthProvider;
import dev.jetway.plugin.jwtauth.testing.TestKeys;
import dev.jetway.plugin.mcp.testing.Everything;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where keys come from: a file and an inline JWKS made by the test, and a JWKS URL that is down at start. */
class JwtAuthJwksIT {

    @TempDir
    Path dir;

    private static HttpResponse<String> get(TestGateway gateway, String token) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + "/", Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void providersFromAFileAndInlineAreLookedUpByKid() throws Exception {
        RSAKey fileKey = TestKeys.rsa("file-rsa");
        ECKey inlineKey = TestKeys.ec("inline-ec");
        Files.writeString(dir.resolve("issuer-a.jwks"), TestKeys.jwks(fileKey));
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        jwtAuth:
                          mode: strict
                          providers:
                          - issuer: issuer-a
                            jwks: {file: issuer-a.jwks}
                          - issuer: issuer-b
                            audiences: [b-api]
                            jwks: '%s'
                            jwtValidationOptions: {requiredClaims: [sub]}
                        directResponse: {body: "in", status: 200}
                """.formatted(TestKeys.jwks(inlineKey)), dir)) {
            assertEquals(200, get(gateway, TestKeys.token(fileKey, "issuer-a", Map.of())).statusCode());
            assertEquals(200, get(gateway, TestKeys.token(inlineKey, "issuer-b", Map.of("aud", "b-api", "sub", "x")))
                    .statusCode());
            assertEquals("authentication failed: token has no sub claim\n",
                    get(gateway, TestKeys.token(inlineKey, "issuer-b", Map.of("aud", "b-api"))).body(),
                    "each provider's own options");
            assertEquals("authentication failed: wrong issuer\n",
                    get(gateway, TestKeys.token(fileKey, "issuer-b", Map.of("aud", "b-api", "sub", "x"))).body(),
                    "the kid picks the provider, whose issuer the token must name");
            assertEquals("authentication failed: unknown key id\n",
                    get(gateway, TestKeys.token(TestKeys.rsa("stranger"), "issuer-a", Map.of())).body());
        }
    }

    @Test
    void aJwksUrlDownAtStartIsRetriedWhileTokensGet401() throws Exception {
        int port = Everything.freePort();
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        jwtAuth:
                          mode: strict
                          issuer: http://127.0.0.1:%d
                          jwks: {url: http://127.0.0.1:%d/jwks}
                        directResponse: {body: "in", status: 200}
                """.formatted(port, port), dir)) {
            HttpResponse<String> early = get(gateway, TestKeys.token(TestKeys.rsa("any"), "http://127.0.0.1:" + port, Map.of()));
            assertEquals(401, early.statusCode());
            assertEquals("authentication failed: signing keys not available\n", early.body());
            try (OAuthProvider provider = OAuthProvider.start(port)) {
                String token = provider.token(Map.of());
                long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
                int status;
                do {
                    Thread.sleep(500);
                    status = get(gateway, token).statusCode();
                } while (status != 200 && System.nanoTime() < deadline);
                assertEquals(200, status, "the keys load once the provider is up, without a restart");
            }
        }
    }

    @Test
    void keysOfOtherTypesOrWithoutKidAreConfigErrors() throws Exception {
        String noKid = TestKeys.jwks(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate());
        String symmetric = "{\"keys\": [" + new com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator(256).keyID("hs")
                .generate().toJSONString() + "]}";
        assertEquals(List.of("<inline>:6:36: binds[0].listeners[0].routes[0].policies.jwtAuth.jwks: the inline JWKS:"
                + " a key has no \"kid\"; every key needs one, as tokens are matched to keys by their kid"),
                TestGateway.problems(policy("'" + noKid + "'"), dir));
        assertEquals(List.of("<inline>:6:36: binds[0].listeners[0].routes[0].policies.jwtAuth.jwks: the inline JWKS:"
                + " key \"hs\" is of type oct; supported key types: RSA (RS256/384/512, PS256/384/512) and EC (ES256,"
                + " ES384, ES512)"), TestGateway.problems(policy("'" + symmetric + "'"), dir));
    }

    static String policy(String jwks) {
        return """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        jwtAuth: {issuer: i, jwks: %s}
                """.formatted(jwks);
    }
}
