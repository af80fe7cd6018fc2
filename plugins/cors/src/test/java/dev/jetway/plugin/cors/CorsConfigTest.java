package dev.jetway.plugin.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cors} config: agentgateway's example snippets load as written; mistakes are named by field. */
class CorsConfigTest {

    private static final Path EXAMPLES = Path.of("/work/shared/reference/agentgateway-v1.1/examples");

    @TempDir
    Path dir;

    private List<String> problems(String policies) {
        return TestGateway.policyProblems(policies, dir);
    }

    @Test
    void agentgatewaysExampleSnippetsLoad() {
        assertEquals(List.of(), problems("""
                cors:
                  allowOrigins:
                  - "*"
                  allowHeaders:
                  - mcp-protocol-version
                  - content-type
                  - cache-control
                  exposeHeaders:
                  - "Mcp-Session-Id"
                """), "basic");
        assertEquals(List.of(), problems("""
                cors:
                  allowOrigins:
                  - "*"
                  allowHeaders:
                  - content-type
                  - mcp-protocol-version
                  - mcp-session-id
                  exposeHeaders:
                  - mcp-session-id
                  - mcp-protocol-version
                  maxAge: 5m
                """), "openapi");
        assertEquals(List.of(), problems("""
                cors:
                  allowOrigins:
                  - '*'
                  allowHeaders:
                  - content-type
                  - cache-control
                """), "a2a");
    }

    @Test
    void badEntriesAreNamedByIndex() {
        assertEquals(List.of(
                "<inline>:6:53: binds[0].listeners[0].routes[0].policies.cors.allowOrigins[1]: \"app.example.com\" is not an"
                        + " origin; write http(s)://host[:port] without a path, such as https://app.example.com or"
                        + " https://*.example.com, or \"*\" for any",
                "<inline>:6:86: binds[0].listeners[0].routes[0].policies.cors.allowHeaders[0]: invalid header name"
                        + " \"bad header\"; such as content-type, or \"*\" for any",
                "<inline>:6:116: binds[0].listeners[0].routes[0].policies.cors.allowMethods[0]: invalid method \"GE T\";"
                        + " such as GET or POST, or \"*\" for any"),
                problems("cors: {allowOrigins: [\"https://ok.example\", app.example.com], allowHeaders: [\"bad header\"],"
                        + " allowMethods: [\"GE T\"]}"));
        assertEquals(List.of("<inline>:6:24: binds[0].listeners[0].routes[0].policies.cors.maxAge: negative duration \"-5s\" is not allowed"),
                problems("cors: {maxAge: -5s}"));
        assertEquals(List.of(
                "<inline>:6:16: binds[0].listeners[0].routes[0].policies.cors.allowOrigin: unknown key \"allowOrigin\"; allowed"
                        + " keys: allowCredentials, allowHeaders, allowMethods, allowOrigins, exposeHeaders, maxAge"),
                problems("cors: {allowOrigin: [\"*\"]}"));
    }

    @Test
    void theCorpusConfigsUsingCorsStillOnlyFailOnOtherKeys() throws Exception {
        for (String example : List.of("http__config.yaml", "basic__config.yaml", "a2a__config.yaml", "openapi__config.yaml")) {
            List<String> problems = TestGateway.problems(Files.readString(EXAMPLES.resolve(example)), dir);
            assertEquals(List.of(), problems.stream().filter(p -> p.contains(".cors")).toList(), example);
        }
    }
}
