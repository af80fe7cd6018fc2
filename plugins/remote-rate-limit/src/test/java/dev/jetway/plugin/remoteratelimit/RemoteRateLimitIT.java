package dev.jetway.plugin.remoteratelimit;

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
import dev.jetway.grpc.testing.RateLimitServer;
import dev.jetway.core.testing.JetwayProcess;
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

/**
 * {@code remoteRateLimit} through a real gateway, in front of a real upstream, asking a real gRPC rate limit
 * service (grpc-java, Envoy's protocol).
 */
class RemoteRateLimitIT {

    @TempDir
    Path dir;

    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private Upstream upstream;

    @BeforeEach
    void upstream() throws Exception {
        upstream = Upstream.start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                upstreamCalls.incrementAndGet();
                String checked = request.getHeaders().get("x-rls-checked");
                response.write(true, ByteBuffer.wrap(("upstream x-rls-checked=" + checked).getBytes(StandardCharsets.UTF_8)),
                        callback);
                return true;
            }
        });
    }

    @AfterEach
    void stopUpstream() throws Exception {
        upstream.close();
    }

    private String route(String policy) {
        return """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        testJwt: {}
                %s
                      backends:
                      - host: "%s"
                """.formatted(policy.indent(8).stripTrailing(), upstream.address());
    }

    /** {@code remoteRateLimit} of domain {@code tests} asking {@code host}, with {@code settings} added. */
    private static String policy(String host, String settings) {
        return "remoteRateLimit:\n  domain: tests\n  host: \"" + host + "\"\n" + settings.indent(2);
    }

    private HttpResponse<String> get(TestGateway gateway, String path, Map<String, String> headers) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + path, headers);
    }

    @Test
    void requestsUnderTheLimitPassAndOverItAre429WithTheLimitsHeaders() throws Exception {
        try (RateLimitServer rls = RateLimitServer.start(2);
             TestGateway gateway = TestGateway.start(route(policy(rls.address(), """
                     descriptors:
                     - entries: [{key: path, value: 'request.path'}]
                     """)), dir)) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> passed = get(gateway, "/limited", Map.of());
                assertEquals(200, passed.statusCode(), passed.body());
                // The service's OK added a header to the forwarded request and one to the response.
                assertEquals("upstream x-rls-checked=tests", passed.body());
                assertEquals("ok", passed.headers().firstValue("x-rls").orElse(null));
            }
            HttpResponse<String> limited = get(gateway, "/limited", Map.of());
            assertEquals(429, limited.statusCode());
            assertEquals("rate limit exceeded", limited.body());
            assertEquals("2", limited.headers().firstValue("x-ratelimit-limit").orElse(null));
            assertEquals("0", limited.headers().firstValue("x-ratelimit-remaining").orElse(null));
            assertEquals("42", limited.headers().firstValue("x-ratelimit-reset").orElse(null));
            assertEquals(2, upstreamCalls.get());
            // Another descriptor value has its own counter.
            assertEquals(200, get(gateway, "/other", Map.of()).statusCode());
        }
    }

    @Test
    void descriptorsCarryTheirCelValuesIncludingJwtClaims() throws Exception {
        try (RateLimitServer rls = RateLimitServer.start(100);
             TestGateway gateway = TestGateway.start(route(policy(rls.address(), """
                     descriptors:
                     - entries:
                       - {key: user, value: 'jwt.sub'}
                       - {key: method, value: 'request.method'}
                     - entries: [{key: team, value: 'request.headers["x-team"]'}]
                       type: requests
                       limitOverride: '{"unit": "minute", "requestsPerUnit": 7}'
                     """)), dir)) {
            assertEquals(200, get(gateway, "/", Map.of("x-test-sub", "alice", "x-team", "blue")).statusCode());
            assertEquals(List.of(List.of("user=alice,method=GET", "team=blue")), rls.descriptors());
            var override = rls.requests().get(0).getDescriptors(1).getLimit();
            assertEquals(7, override.getRequestsPerUnit());
            assertEquals(io.envoyproxy.envoy.type.v3.RateLimitUnit.MINUTE, override.getUnit());
            assertEquals("tests", rls.requests().get(0).getDomain());
        }
    }

    @Test
    void aDescriptorWhoseCelFailsIsDroppedAndWithNoneLeftTheServiceIsNotAsked() throws Exception {
        try (RateLimitServer rls = RateLimitServer.start(100);
             TestGateway gateway = TestGateway.start(route(policy(rls.address(), """
                     descriptors:
                     - entries: [{key: user, value: 'jwt.sub'}]
                     - entries: [{key: team, value: 'request.headers["x-team"]'}]
                     - entries: [{key: port, value: 'source.port'}]
                     - entries: [{key: tool, value: '"echo"'}]
                       limitOverride: '{"unit": "fortnight", "requestsPerUnit": 1}'
                     """)), dir)) {
            // No token: jwt is absent. A number is not a descriptor value. The override names no known unit.
            assertEquals(200, get(gateway, "/", Map.of("x-team", "red")).statusCode());
            assertEquals(List.of(List.of("team=red")), rls.descriptors());
            // Nothing evaluates: no call at all, and the request passes.
            assertEquals(200, get(gateway, "/", Map.of()).statusCode());
            assertEquals(1, rls.requests().size());
            assertEquals(2, upstreamCalls.get());
        }
    }

    @Test
    void aServiceThatIsDownFailsClosedWith500OrOpenAsConfigured() throws Exception {
        String down = "127.0.0.1:" + JetwayProcess.freePort();
        String closed = policy(down, """
                descriptors: [{entries: [{key: k, value: '"v"'}]}]
                """);
        try (TestGateway gateway = TestGateway.start(route(closed), dir)) {
            HttpResponse<String> denied = get(gateway, "/", Map.of());
            assertEquals(500, denied.statusCode());
            assertEquals("rate limit service unavailable", denied.body());
            assertEquals(0, upstreamCalls.get());
        }
        try (TestGateway gateway = TestGateway.start(route(closed + "  failureMode: failOpen\n"), dir)) {
            assertEquals(200, get(gateway, "/", Map.of()).statusCode());
            assertEquals(1, upstreamCalls.get());
        }
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsAFailure() throws Exception {
        try (RateLimitServer rls = RateLimitServer.start(100);
             TestGateway gateway = TestGateway.start(route(policy(rls.address(), """
                     policies: {http: {requestTimeout: 300ms}}
                     descriptors: [{entries: [{key: hang, value: '"yes"'}]}]
                     """)), dir)) {
            long start = System.nanoTime();
            assertEquals(500, get(gateway, "/", Map.of()).statusCode());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 250 && millis < 5_000, "answered after " + millis + " ms");
            assertEquals(0, upstreamCalls.get());
        }
    }

    @Test
    void agentgatewaysGlobalRateLimitingExampleIsAcceptedAsWritten() throws Exception {
        String example = """
                remoteRateLimit:
                  domain: "agentgateway"
                  host: "127.0.0.1:8081"
                  # failureMode controls behavior when the rate limit service is unavailable.
                  # "failOpen" (default): allow requests through on service failure.
                  # "failClosed": deny requests with 500 on service failure.
                  failureMode: failOpen
                  descriptors:
                    - entries:
                        - key: "user"
                          value: '"test-user"'
                        - key: "tool"
                          value: '"echo"'
                      type: "requests"
                """;
        assertEquals(List.of(), TestGateway.problems(route(example), dir));
        try (RateLimitServer rls = RateLimitServer.start(1);
             TestGateway gateway = TestGateway.start(route(example.replace("127.0.0.1:8081", rls.address())), dir)) {
            assertEquals(200, get(gateway, "/", Map.of()).statusCode());
            assertEquals(429, get(gateway, "/", Map.of()).statusCode());
            assertEquals(List.of("user=test-user,tool=echo"), rls.descriptors().get(0));
            assertEquals("agentgateway", rls.requests().get(0).getDomain());
        }
    }
}
