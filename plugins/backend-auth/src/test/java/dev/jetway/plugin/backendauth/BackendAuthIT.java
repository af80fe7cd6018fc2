package dev.jetway.plugin.backendauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import dev.jetway.plugin.jwtauth.testing.HeaderEcho;
import dev.jetway.plugin.jwtauth.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backendAuth}: the credentials a real upstream behind a host backend receives, and those refused. */
class BackendAuthIT {

    private static Upstream upstream;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        upstream = Upstream.start(new HeaderEcho());
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    private static String get(TestGateway gateway, String path, String authorization) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + path,
                authorization == null ? Map.of() : Map.of("Authorization", authorization)).body();
    }

    @Test
    void aKeyReplacesWhatTheClientSentOnTheWayUpstream() throws Exception {
        Files.writeString(dir.resolve("api-key"), "from-a-file\n");
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - matches: [{path: {pathPrefix: /inline}}]
                      policies:
                        backendAuth: {key: s3cr3t}
                      backends:
                      - host: %1$s
                    - matches: [{path: {pathPrefix: /file}}]
                      backends:
                      - host: %1$s
                        policies:
                          backendAuth:
                            key: {file: api-key}
                    - matches: [{path: {pathPrefix: /attribute}}]
                      policies:
                        backendAuth: {key: s3cr3t}
                      backends:
                      - testUpstreamAuthorization: {}
                """.formatted(upstream.address()), dir)) {
            assertEquals("authorization=Bearer s3cr3t", get(gateway, "/inline", "Bearer the-clients"));
            assertEquals("authorization=Bearer s3cr3t", get(gateway, "/inline", null));
            assertEquals("authorization=Bearer from-a-file", get(gateway, "/file", null));
            assertEquals("upstream authorization=Bearer s3cr3t", get(gateway, "/attribute", null),
                    "recorded for backends that call upstreams themselves");
        }
    }

    @Test
    void passthroughSendsTheTokenJwtAuthVerifiedAndRemoved() throws Exception {
        RSAKey key = TestKeys.rsa("k1");
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - matches: [{path: {pathPrefix: /pass}}]
                      policies:
                        jwtAuth: {issuer: idp, jwks: '%s'}
                        backendAuth: {passthrough: {}}
                      backends:
                      - host: %s
                    - matches: [{path: {pathPrefix: /verified-only}}]
                      policies:
                        jwtAuth: {issuer: idp, jwks: '%1$s'}
                      backends:
                      - host: %2$s
                """.formatted(TestKeys.jwks(key), upstream.address()), dir)) {
            String token = TestKeys.token(key, "idp", Map.of("sub", "alice"));
            assertEquals("authorization=Bearer " + token, get(gateway, "/pass", "Bearer " + token));
            assertEquals("authorization=none", get(gateway, "/verified-only", "Bearer " + token),
                    "without passthrough the verified token stays at the gateway");
            assertEquals("authorization=none", get(gateway, "/pass", null), "no verified token, nothing to pass");
        }
    }

    @Test
    void cloudIdentitiesAreRefusedByName() {
        assertEquals(List.of(
                "<inline>:6:28: binds[0].listeners[0].routes[0].policies.backendAuth.gcp: backendAuth gcp is not supported"
                        + " yet; supported: passthrough, key"),
                TestGateway.problems(policy("{gcp: {type: accessToken}}"), dir));
        assertEquals(List.of(
                "<inline>:6:28: binds[0].listeners[0].routes[0].policies.backendAuth.aws: backendAuth aws is not supported"
                        + " yet; supported: passthrough, key",
                "<inline>:6:39: binds[0].listeners[0].routes[0].policies.backendAuth.azure: backendAuth azure is not"
                        + " supported yet; supported: passthrough, key"),
                TestGateway.problems(policy("{aws: {}, azure: {implicit: {}}}"), dir));
        assertEquals(List.of(
                "<inline>:6:22: binds[0].listeners[0].routes[0].policies.backendAuth: backendAuth is one of"
                        + " {passthrough: {}}, {key: <secret> | {file: <path>}}"),
                TestGateway.problems(policy("{passthrough: {}, key: k}"), dir));
        assertEquals(List.of(
                "<inline>:6:28: binds[0].listeners[0].routes[0].policies.backendAuth.key: key is the secret as a string,"
                        + " or {file: <path>}"),
                TestGateway.problems(policy("{key: {env: API_KEY}}"), dir));
    }

    private static String policy(String backendAuth) {
        return """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        backendAuth: %s
                      backends:
                      - testUpstreamAuthorization: {}
                """.formatted(backendAuth);
    }
}
