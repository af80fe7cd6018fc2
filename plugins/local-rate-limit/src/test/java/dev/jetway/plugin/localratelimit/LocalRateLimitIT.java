package dev.jetway.plugin.localratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code localRateLimit} in front of the host backend and a real upstream. */
class LocalRateLimitIT {

    @TempDir
    static Path dir;
    static Upstream upstream;

    @BeforeAll
    static void start() throws Exception {
        upstream = Upstream.start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    private static String config(String policies) {
        return """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                %s
                      backends:
                      - host: "%s"
                """.formatted(policies.indent(8).stripTrailing(), upstream.address());
    }

    private static HttpResponse<String> get(TestGateway gateway) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + "/", Map.of());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void theBucketEmptiesThenRefillsEachFillInterval() throws Exception {
        // agentgateway's http example: 10 requests at once, then one a second.
        try (TestGateway gateway = TestGateway.start(config("""
                localRateLimit:
                - maxTokens: 10
                  tokensPerFill: 1
                  fillInterval: 1s
                """), dir)) {
            for (int i = 1; i <= 10; i++) {
                HttpResponse<String> allowed = get(gateway);
                assertEquals(200, allowed.statusCode());
                assertEquals("ok", allowed.body());
                assertEquals("10", header(allowed, "x-ratelimit-limit"));
                assertEquals(Integer.toString(10 - i), header(allowed, "x-ratelimit-remaining"));
                assertEquals("0", header(allowed, "x-ratelimit-reset"));
            }
            HttpResponse<String> refused = get(gateway);
            assertEquals(429, refused.statusCode());
            assertEquals("rate limit exceeded", refused.body());
            assertEquals("10", header(refused, "x-ratelimit-limit"));
            assertEquals("0", header(refused, "x-ratelimit-remaining"));
            assertEquals("0", header(refused, "x-ratelimit-reset"));

            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            HttpResponse<String> refilled = get(gateway);
            while (refilled.statusCode() == 429 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                refilled = get(gateway);
            }
            assertEquals(200, refilled.statusCode(), "a token comes back within the fill interval");
            assertEquals(429, get(gateway).statusCode(), "one token per fill");
        }
    }

    @Test
    void theResetHeaderCountsTheSecondsToTheNextFill() throws Exception {
        // agentgateway's local rate limiting example: 10 requests, then one a minute.
        try (TestGateway gateway = TestGateway.start(config("""
                localRateLimit:
                  - maxTokens: 10
                    tokensPerFill: 1
                    fillInterval: 60s
                """), dir)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(200, get(gateway).statusCode());
            }
            HttpResponse<String> refused = get(gateway);
            assertEquals(429, refused.statusCode());
            long reset = Long.parseLong(header(refused, "x-ratelimit-reset"));
            assertTrue(reset >= 50 && reset <= 59, "reset " + reset);
        }
    }

    @Test
    void everyBucketMustHaveATokenAndTheTightestIsReported() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("""
                localRateLimit:
                - {maxTokens: 5, tokensPerFill: 5, fillInterval: 1m}
                - {maxTokens: 2, tokensPerFill: 1, fillInterval: 1m}
                """), dir)) {
            HttpResponse<String> first = get(gateway);
            assertEquals(List.of(200, "2", "1"), List.of(first.statusCode(), header(first, "x-ratelimit-limit"),
                    header(first, "x-ratelimit-remaining")));
            HttpResponse<String> second = get(gateway);
            assertEquals(List.of(200, "2", "0"), List.of(second.statusCode(), header(second, "x-ratelimit-limit"),
                    header(second, "x-ratelimit-remaining")));
            HttpResponse<String> third = get(gateway);
            assertEquals(List.of(429, "2", "0"), List.of(third.statusCode(), header(third, "x-ratelimit-limit"),
                    header(third, "x-ratelimit-remaining")));
        }
    }

    @Test
    void aReloadThatLeavesTheRouteAsItWasKeepsTheBucket() throws Exception {
        String yaml = config("""
                localRateLimit:
                - {maxTokens: 2, tokensPerFill: 1, fillInterval: 1h}
                """);
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            assertEquals(200, get(gateway).statusCode());
            assertEquals(200, get(gateway).statusCode());
            assertEquals(429, get(gateway).statusCode());
            gateway.apply(yaml, Map.of());
            assertEquals(429, get(gateway).statusCode(), "the same route, the same bucket");
            gateway.apply(config("""
                    localRateLimit:
                    - {maxTokens: 3, tokensPerFill: 1, fillInterval: 1h}
                    """), Map.of());
            assertEquals(200, get(gateway).statusCode(), "new settings, a new full bucket");
        }
    }

    @Test
    void badBucketsAreConfigErrorsAtTheirLine() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        localRateLimit:
                        - {maxTokens: 0, tokensPerFill: 1, fillInterval: 1s}
                        - {maxTokens: 5, tokensPerFill: 6, fillInterval: 1s}
                        - {maxTokens: 5, tokensPerFill: 1}
                        - {maxTokens: 5, tokensPerFill: 1, fillInterval: 1s, type: tokens}
                        - {maxTokens: 5000, tokensPerFill: 5000, fillInterval: 1us}
                """, dir);
        assertEquals(List.of(
                "<inline>:7:23: binds[0].listeners[0].routes[0].policies.localRateLimit[0].maxTokens: maxTokens must be"
                        + " 1 or more (the bucket's capacity), not 0",
                "<inline>:8:41: binds[0].listeners[0].routes[0].policies.localRateLimit[1].tokensPerFill: tokensPerFill (6)"
                        + " cannot be more than maxTokens (5)",
                "<inline>:9:11: binds[0].listeners[0].routes[0].policies.localRateLimit[2].fillInterval: fillInterval is"
                        + " required, such as 1s",
                "<inline>:10:68: binds[0].listeners[0].routes[0].policies.localRateLimit[3].type: type \"tokens\" counts"
                        + " LLM tokens, and jetway has no LLM backend; use type: requests",
                "<inline>:11:44: binds[0].listeners[0].routes[0].policies.localRateLimit[4].tokensPerFill: tokensPerFill"
                        + " (5000) is more than one token per nanosecond of fillInterval; use a longer fillInterval"), problems);
        assertEquals(List.of("<inline>:6:73: binds[0].listeners[0].routes[0].policies.localRateLimit[0].fillInterval:"
                + " invalid duration \"often\"; write a number with a unit (ns, us, ms, s, m, h), such as 500ms, 10s or 1h30m"),
                TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        localRateLimit: [{maxTokens: 1, tokensPerFill: 1, fillInterval: often}]
                """, dir));
    }
}
