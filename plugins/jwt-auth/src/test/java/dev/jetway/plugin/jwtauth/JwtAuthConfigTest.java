package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwtAuth} and {@code mcpAuthentication} settings the gateway refuses, each named where it is written. */
class JwtAuthConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String policies) {
        return TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                %s
                """.formatted(policies.indent(8).stripTrailing()), dir);
    }

    @Test
    void aJwksThatDoesNotParseIsAConfigErrorAtItsLine() throws Exception {
        assertEquals(List.of("<inline>:8:17: binds[0].listeners[0].routes[0].policies.jwtAuth.jwks: the inline JWKS"
                + " is not a valid JWKS ({\"keys\": [...]}): Invalid JSON object"), problems("""
                jwtAuth:
                  issuer: i
                  jwks: '{"keys": [}'
                """));
        Path file = Files.writeString(dir.resolve("broken.jwks"), "{\"keys\": \"no\"}");
        assertEquals(List.of("<inline>:8:24: binds[0].listeners[0].routes[0].policies.jwtAuth.jwks.file: " + file
                + " is not a valid JWKS ({\"keys\": [...]}): Unexpected type of JSON object member keys"), problems("""
                jwtAuth:
                  issuer: i
                  jwks: {file: broken.jwks}
                """));
        assertEquals(List.of("<inline>:6:43: binds[0].listeners[0].routes[0].policies.jwtAuth.jwks.file: file not"
                + " found: missing.jwks"), problems("jwtAuth: {issuer: i, jwks: {file: missing.jwks}}"));
    }

    @Test
    void shapesAndValuesAreChecked() {
        assertEquals(List.of(
                "<inline>:7:17: binds[0].listeners[0].routes[0].policies.jwtAuth.mode: invalid value \"required\";"
                        + " allowed values: \"strict\", \"optional\", \"permissive\""),
                problems("""
                        jwtAuth:
                          mode: required
                          issuer: i
                          jwks: {url: https://idp.example.com/jwks}
                        """));
        assertEquals(List.of(
                "<inline>:8:17: binds[0].listeners[0].routes[0].policies.jwtAuth.jwks: jwks is a JWKS as a JSON string,"
                        + " {file: <path>} or {url: <https URL>}"),
                problems("""
                        jwtAuth:
                          issuer: i
                          jwks: {path: x}
                        """));
        assertEquals(List.of(
                "<inline>:6:42: binds[0].listeners[0].routes[0].policies.jwtAuth.jwks.url: \"idp/jwks\" is not an http(s)"
                        + " URL with a host; the JWKS is fetched from it",
                "<inline>:6:98: binds[0].listeners[0].routes[0].policies.jwtAuth.jwtValidationOptions.requiredClaims[1]:"
                        + " \"jti\" cannot be required (agentgateway does not enforce it either); allowed: aud, exp, iss,"
                        + " nbf, sub"),
                problems("jwtAuth: {issuer: i, jwks: {url: idp/jwks}, jwtValidationOptions: {requiredClaims: [exp, jti]}}"));
        assertEquals(List.of(
                "<inline>:9:11: binds[0].listeners[0].routes[0].policies.jwtAuth.providers: write either providers or"
                        + " one provider's issuer, audiences, jwks and jwtValidationOptions, not both",
                "<inline>:9:13: binds[0].listeners[0].routes[0].policies.jwtAuth.providers[0].issuer: issuer is required:"
                        + " the iss claim of accepted tokens"),
                problems("""
                        jwtAuth:
                          issuer: i
                          providers:
                          - jwks: {url: https://idp.example.com/jwks}
                        """));
    }

    @Test
    void mcpAuthenticationNeedsAudiencesAnIssuerUrlAndAKnownProvider() {
        List<String> problems = problems("""
                mcpAuthentication:
                  issuer: not-a-url
                  jwks: {url: https://idp.example.com/jwks}
                  resourceMetadata: {}
                """);
        assertEquals(List.of(
                "<inline>:7:11: binds[0].listeners[0].routes[0].policies.mcpAuthentication.audiences: audiences is"
                        + " required: the aud values of tokens issued for this MCP server, such as its URL",
                "<inline>:7:19: binds[0].listeners[0].routes[0].policies.mcpAuthentication.issuer: \"not-a-url\" is not"
                        + " an http(s) URL with a host; clients fetch the authorization server's metadata from it"),
                problems);
        assertEquals(List.of(
                "<inline>:12:13: binds[0].listeners[0].routes[0].policies.mcpAuthentication.provider.okta: unknown key"
                        + " \"okta\"; allowed keys: auth0, keycloak"),
                problems("""
                        mcpAuthentication:
                          audiences: [a]
                          issuer: https://idp.example.com
                          jwks: {url: https://idp.example.com/jwks}
                          resourceMetadata: {}
                          provider:
                            okta: {}
                        """));
    }
}
