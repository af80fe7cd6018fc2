package dev.jetway.plugin.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authorization} in front of a real upstream, through a real gateway. */
class AuthorizationIT {

    @TempDir
    Path dir;

    private final AtomicInteger served = new AtomicInteger();
    private Upstream upstream;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = Upstream.start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                served.incrementAndGet();
                response.write(true, ByteBuffer.wrap("upstream\n".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    @AfterEach
    void stopUpstream() throws Exception {
        upstream.close();
    }

    @Test
    void theHttpExamplesIpRuleLetsLoopbackClientsIn() throws Exception {
        // The ip-rules route of agentgateway's examples/http, as written there; then the same rule for another network.
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - protocol: HTTP
                    routes:
                    - name: ip-rules
                      matches:
                      - path:
                          pathPrefix: /ips
                      policies:
                        authorization:
                          rules:
                          - |
                            cidr("127.0.0.1/8").containsIP(source.address)
                        directResponse:
                          body: "hello!"
                          status: 200
                    - name: elsewhere
                      policies:
                        authorization:
                          rules: ['cidr("10.0.0.0/8").containsIP(source.address)']
                      backends:
                      - host: %s
                """.formatted(upstream.address()), dir)) {
            HttpResponse<String> loopback = Http.get(url(gateway, "/ips"), Map.of());
            assertEquals(200, loopback.statusCode());
            assertEquals("hello!", loopback.body());

            HttpResponse<String> refused = Http.get(url(gateway, "/other"), Map.of());
            assertEquals(403, refused.statusCode());
            assertEquals("authorization failed", refused.body());
            assertTrue(refused.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            assertEquals(0, served.get(), "a refused request never reaches the upstream");
        }
    }

    @Test
    void allowDenyAndRequireRulesCombineAsInAgentgateway() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        authorization:
                          rules:
                          - 'request.headers["x-team"] == "blue"'
                          - allow: 'request.path.startsWith("/public")'
                          - deny: 'request.headers["x-user"] == "mallory"'
                          - require: 'request.method != "DELETE"'
                      backends:
                      - host: %s
                """.formatted(upstream.address()), dir)) {
            assertEquals(200, Http.get(url(gateway, "/x"), Map.of("x-team", "blue")).statusCode());
            assertEquals(200, Http.get(url(gateway, "/public/a"), Map.of()).statusCode());
            assertEquals(403, Http.get(url(gateway, "/x"), Map.of()).statusCode(), "no allow rule holds");
            assertEquals(403, Http.get(url(gateway, "/public/a"), Map.of("x-user", "mallory")).statusCode(),
                    "a true deny rule wins over a true allow rule");
            assertEquals(403, Http.send("DELETE", url(gateway, "/public/a"), Map.of()).statusCode(),
                    "a false require rule denies");
            assertEquals(2, served.get());
        }
    }

    @Test
    void onlyDenyRulesAllowWhatTheyDoNotDenyAndNoRulesAllowEverything() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: deny-only
                      matches: [{path: {pathPrefix: /deny-only}}]
                      policies:
                        authorization:
                          rules:
                          - deny: 'request.headers["x-user"] == "mallory"'
                      backends:
                      - host: %1$s
                    - name: none
                      policies:
                        authorization: {rules: []}
                      backends:
                      - host: %1$s
                """.formatted(upstream.address()), dir)) {
            assertEquals(200, Http.get(url(gateway, "/deny-only"), Map.of()).statusCode());
            assertEquals(403, Http.get(url(gateway, "/deny-only"), Map.of("x-user", "mallory")).statusCode());
            assertEquals(200, Http.get(url(gateway, "/anything"), Map.of()).statusCode());
        }
    }

    @Test
    void rulesSeeTheVariablesEarlierPoliciesAttached() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        authorization:
                          rules: ['jwt.sub == "alice"']
                        testClaims: {header: x-sub}
                      backends:
                      - host: %s
                """.formatted(upstream.address()), dir)) {
            assertEquals(200, Http.get(url(gateway, "/"), Map.of("x-sub", "alice")).statusCode());
            assertEquals(403, Http.get(url(gateway, "/"), Map.of("x-sub", "bob")).statusCode());
            assertEquals(403, Http.get(url(gateway, "/"), Map.of()).statusCode(), "no claims: jwt.sub is an error, so false");
        }
    }

    @Test
    void malformedRulesAreReportedWhereTheyAreWritten() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        authorization:
                          rules:
                          - 'request.path == "/"'
                          - permit: 'true'
                          - 'request.path =='
                          - deny: 'nosuch.x == 1'
                    - matches: [{path: {pathPrefix: /b}}]
                      policies:
                        authorization: {}
                """, dir);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:9:13: binds[0].listeners[0].routes[0].policies.authorization.rules[1]:"
                + " a rule is a CEL expression (an allow rule), or one of {allow: <CEL>}"), problems.get(0));
        assertTrue(problems.get(1).startsWith("<inline>:10:13: binds[0].listeners[0].routes[0].policies.authorization.rules[2]:"
                + " invalid CEL expression"), problems.get(1));
        assertTrue(problems.get(2).startsWith("<inline>:11:19: binds[0].listeners[0].routes[0].policies.authorization.rules[3].deny:"
                + " invalid CEL expression"), problems.get(2));
        assertTrue(problems.get(3).contains("routes[1].policies.authorization.rules: rules is required"), problems.get(3));
    }

    @Test
    void aListenerCannotCarryAuthorizationAsInAgentgateway() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - policies:
                      authorization: {rules: ['true']}
                    routes:
                    - backends: [{host: 127.0.0.1:1}]
                """, dir);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("policy \"authorization\" cannot be used in a listener's policies"), problems.get(0));
    }

    private static String url(TestGateway gateway, String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }
}
