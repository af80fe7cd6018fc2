package dev.jetway.plugin.extauthz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extAuthz} over HTTP with a real authorization service, a real upstream and a real gateway. */
class ExtAuthzIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private AuthService auth;
    private RecordingUpstream upstream;

    // Tests set policies.http.requestTimeout well above agentgateway's 200ms: a shared test machine can take longer
    // than that for a first exchange, and only the timeout test is about the default.

    @BeforeEach
    void start() throws Exception {
        auth = AuthService.tcp();
        upstream = new RecordingUpstream();
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        auth.close();
    }

    /** The application route of agentgateway's oauth2-proxy example, plus a rule over the metadata it sets. */
    private String oauth2Proxy(String authService) {
        return """
                binds:
                - port: 0
                  listeners:
                  - name: default
                    protocol: HTTP
                    routes:
                    - name: application
                      backends:
                      - host: %s
                      policies:
                        authorization:
                          rules: ['extauthz.githubUser == "alice" && extauthz.githubEmail == "alice@example.com"']
                        extAuthz:
                          host: %s
                          policies: {http: {requestTimeout: 10s}}
                          includeRequestHeaders:
                          - cookie
                          protocol:
                            http:
                              path: '"/oauth2/auth"'
                              redirect: '"/oauth2/start?rd=" + request.path'
                              metadata:
                                githubUser: response.headers["x-auth-request-user"]
                                githubEmail: response.headers["x-auth-request-email"]
                              addRequestHeaders:
                                x-forwarded-host: request.host
                              includeResponseHeaders:
                              - x-auth-request-user
                """.formatted(upstream.address(), authService);
    }

    @Test
    void anAllowedRequestCarriesTheServicesHeadersAndItsMetadataReachesLaterPolicies() throws Exception {
        try (TestGateway gateway = TestGateway.start(oauth2Proxy(auth.address()), dir)) {
            HttpResponse<String> allowed = send(gateway, "GET", "/app/page?x=1", "",
                    Map.of("cookie", "_oauth2_proxy=alice", "authorization", "Bearer not-for-the-service",
                            "x-private", "secret", "x-auth-request-user", "mallory"));
            assertEquals(200, allowed.statusCode());
            assertEquals("upstream", allowed.body());

            AuthService.Seen check = auth.next();
            assertEquals("GET", check.method());
            assertEquals("/oauth2/auth", check.pathQuery());
            assertEquals("_oauth2_proxy=alice", check.headers().get("cookie"));
            assertEquals("127.0.0.1", check.headers().get("x-forwarded-host"));
            assertNull(check.headers().get("authorization"), "includeRequestHeaders replaces the default Authorization");
            assertNull(check.headers().get("x-private"), "only the included headers reach the service");

            RecordingUpstream.Received received = upstream.next();
            assertEquals("/app/page?x=1", received.pathQuery());
            assertEquals(List.of("alice"), received.headers().getValuesList("x-auth-request-user"),
                    "the service's header replaces the client's");
            assertNull(received.headers().get("x-auth-request-email"), "only includeResponseHeaders are copied");

            HttpResponse<String> bob = send(gateway, "GET", "/app", "", Map.of("cookie", "_oauth2_proxy=bob"));
            assertEquals(403, bob.statusCode(), "the authorization rule reads extauthz.githubUser");
            assertEquals("authorization failed", bob.body());
        }
    }

    @Test
    void anUnauthorizedRequestIsRedirectedWhereTheExpressionSays() throws Exception {
        try (TestGateway gateway = TestGateway.start(oauth2Proxy(auth.address()), dir)) {
            HttpResponse<String> redirected = send(gateway, "GET", "/app/page?x=1", "", Map.of());
            assertEquals(302, redirected.statusCode());
            assertEquals("/oauth2/start?rd=/app/page", redirected.headers().firstValue("location").orElseThrow());
            assertEquals("", redirected.body());
            assertTrue(upstream.idle());
        }
    }

    @Test
    void anyOtherDenialIsPassedToTheClientAsTheServiceSentIt() throws Exception {
        try (TestGateway gateway = TestGateway.start(route("""
                host: %s
                includeRequestHeaders: [cookie]
                protocol: {http: {}}
                """.formatted(auth.address())), dir)) {
            HttpResponse<String> unauthorized = send(gateway, "GET", "/x", "", Map.of());
            assertEquals(401, unauthorized.statusCode());
            assertEquals("sign in first", unauthorized.body());
            assertEquals("Bearer realm=\"test\"", unauthorized.headers().firstValue("www-authenticate").orElseThrow());

            HttpResponse<String> teapot = send(gateway, "GET", "/x", "", Map.of("cookie", "_oauth2_proxy=teapot"));
            assertEquals(418, teapot.statusCode());
            assertEquals("I'm a teapot", teapot.body());
            assertEquals("short and stout", teapot.headers().firstValue("x-reason").orElseThrow());
            assertEquals(List.of("a=1", "b=2"), teapot.headers().allValues("set-cookie"));
            assertTrue(upstream.idle());
        }
    }

    @Test
    void byDefaultTheCheckCarriesTheMethodPathAndAuthorizationOnly() throws Exception {
        try (TestGateway gateway = TestGateway.start(route("""
                host: %s
                protocol:
                  http:
                    addRequestHeaders:
                      :authority: '"authz.internal"'
                      x-client: source.address
                      x-missing: request.headers["x-none"]
                """.formatted(auth.address())), dir)) {
            send(gateway, "POST", "/orders/7?expand=all", "{\"qty\":1}",
                    Map.of("authorization", "Bearer t0ken", "cookie", "_oauth2_proxy=alice", "x-other", "1"));
            AuthService.Seen check = auth.next();
            assertEquals("POST", check.method());
            assertEquals("/orders/7?expand=all", check.pathQuery());
            assertEquals("Bearer t0ken", check.headers().get("authorization"));
            assertEquals("authz.internal", check.headers().get("host"));
            assertEquals("127.0.0.1", check.headers().get("x-client"));
            assertNull(check.headers().get("cookie"));
            assertNull(check.headers().get("x-other"));
            assertNull(check.headers().get("x-missing"), "a header whose expression fails is not sent");
            assertEquals("", check.body(), "the body is not sent unless includeRequestBody");
        }
    }

    @Test
    void whenTheServiceIsDownTheFailureModeDecides() throws Exception {
        String down = auth.address();
        auth.close();
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: deny
                      matches: [{path: {pathPrefix: /deny}}]
                      policies:
                        extAuthz: {host: %1$s, protocol: {http: {}}}
                      backends: [{host: %2$s}]
                    - name: status
                      matches: [{path: {pathPrefix: /status}}]
                      policies:
                        extAuthz: {host: %1$s, protocol: {http: {}}, failureMode: {denyWithStatus: 503}}
                      backends: [{host: %2$s}]
                    - name: allow
                      policies:
                        extAuthz: {host: %1$s, protocol: {http: {}}, failureMode: allow}
                      backends: [{host: %2$s}]
                """.formatted(down, upstream.address()), dir)) {
            HttpResponse<String> denied = send(gateway, "GET", "/deny", "", Map.of());
            assertEquals(403, denied.statusCode());
            assertEquals("external authorization failed", denied.body());
            HttpResponse<String> status = send(gateway, "GET", "/status", "", Map.of());
            assertEquals(503, status.statusCode());
            assertEquals("authorization service unavailable", status.body());
            assertTrue(upstream.idle());
            HttpResponse<String> allowed = send(gateway, "GET", "/allow", "", Map.of());
            assertEquals(200, allowed.statusCode());
            assertEquals("/allow", upstream.next().pathQuery());
        }
    }

    @Test
    void aSlowServiceTimesOutAfter200msUnlessItsPoliciesSayOtherwise() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: default-timeout
                      matches: [{path: {pathPrefix: /default}}]
                      policies:
                        extAuthz:
                          host: %1$s
                          includeRequestHeaders: [cookie]
                          protocol: {http: {path: '"/slow"'}}
                      backends: [{host: %2$s}]
                    - name: patient
                      policies:
                        extAuthz:
                          host: %1$s
                          includeRequestHeaders: [cookie]
                          protocol: {http: {path: '"/slow"'}}
                          policies: {http: {requestTimeout: 5s}}
                      backends: [{host: %2$s}]
                """.formatted(auth.address(), upstream.address()), dir)) {
            // The service would allow alice after a second: a 403 means the gateway gave up before.
            HttpResponse<String> timedOut = send(gateway, "GET", "/default", "", Map.of("cookie", "_oauth2_proxy=alice"));
            assertEquals(403, timedOut.statusCode());
            assertEquals("external authorization failed", timedOut.body());
            assertEquals(200, send(gateway, "GET", "/patient", "", Map.of("cookie", "_oauth2_proxy=alice")).statusCode());
        }
    }

    @Test
    void theBodyIsSentWhenAskedAndStillReachesTheUpstreamWhole() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: whole
                      matches: [{path: {pathPrefix: /whole}}]
                      policies:
                        extAuthz:
                          host: %1$s
                          protocol: {http: {}}
                          includeRequestHeaders: [cookie]
                          includeRequestBody: {}
                          policies: {http: {requestTimeout: 10s}}
                      backends: [{host: %2$s}]
                    - name: partial
                      matches: [{path: {pathPrefix: /partial}}]
                      policies:
                        extAuthz:
                          host: %1$s
                          protocol: {http: {}}
                          includeRequestHeaders: [cookie]
                          includeRequestBody: {maxRequestBytes: 16, allowPartialMessage: true}
                          policies: {http: {requestTimeout: 10s}}
                      backends: [{host: %2$s}]
                    - name: too-large
                      policies:
                        extAuthz:
                          host: %1$s
                          protocol: {http: {}}
                          includeRequestHeaders: [cookie]
                          includeRequestBody: {maxRequestBytes: 16}
                      backends: [{host: %2$s}]
                """.formatted(auth.address(), upstream.address()), dir)) {
            Map<String, String> alice = Map.of("cookie", "_oauth2_proxy=alice");
            assertEquals(200, send(gateway, "POST", "/whole", "hello", alice).statusCode());
            AuthService.Seen whole = auth.next();
            assertEquals("hello", whole.body());
            assertEquals("false", whole.headers().get("x-envoy-auth-partial-body"));
            assertEquals("hello", upstream.next().body());

            String large = "0123456789abcdef".repeat(4096);
            assertEquals(200, send(gateway, "POST", "/partial", large, alice).statusCode());
            AuthService.Seen partial = auth.next();
            assertEquals("0123456789abcdef", partial.body());
            assertEquals("true", partial.headers().get("x-envoy-auth-partial-body"));
            assertEquals(large, upstream.next().body(), "the upstream gets the body the check took the start of");

            HttpResponse<String> tooLarge = send(gateway, "POST", "/too-large", large, alice);
            assertEquals(413, tooLarge.statusCode());
            assertTrue(auth.idle() && upstream.idle());
        }
    }

    @Test
    void onAListenerTheServiceDecidesBeforeRouting() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - policies:
                      extAuthz:
                        host: %s
                        includeRequestHeaders: [cookie]
                        protocol: {http: {path: '"/oauth2/auth"'}}
                        policies: {http: {requestTimeout: 10s}}
                    routes:
                    - matches: [{path: {pathPrefix: /app}}]
                      backends: [{host: %s}]
                """.formatted(auth.address(), upstream.address()), dir)) {
            assertEquals(401, send(gateway, "GET", "/nowhere", "", Map.of()).statusCode(),
                    "the service answers before the router would say 404");
            assertEquals(404, send(gateway, "GET", "/nowhere", "", Map.of("cookie", "_oauth2_proxy=alice")).statusCode());
            assertEquals(200, send(gateway, "GET", "/app", "", Map.of("cookie", "_oauth2_proxy=alice")).statusCode());
            assertFalse(upstream.idle());
        }
    }

    private String route(String extAuthz) {
        return """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - backends: [{host: %s}]
                      policies:
                        extAuthz:
                          policies: {http: {requestTimeout: 10s}}
                %s
                """.formatted(upstream.address(), extAuthz.indent(10).stripTrailing());
    }

    static HttpResponse<String> send(TestGateway gateway, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
