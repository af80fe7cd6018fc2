package dev.jetway.plugin.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timeout} and {@code retry} in front of the host backend and a real upstream that is slow, fails a number of
 * times, or hangs up, as the query tells it ({@link ScriptedUpstream}).
 */
class ResilienceIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;
    static ScriptedUpstream script;
    static Upstream upstream;
    static TestGateway gateway;
    /** A raw upstream that never answers and notes when the gateway closes the connection. */
    static SilentUpstream silent;

    @BeforeAll
    static void start() throws Exception {
        script = new ScriptedUpstream();
        upstream = Upstream.start(script);
        silent = SilentUpstream.start();
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: deadline
                      matches: [{path: {pathPrefix: /deadline}}]
                      policies:
                        timeout: {requestTimeout: 400ms}
                      backends: [{host: "%1$s"}]
                    - name: abandoned
                      matches: [{path: {pathPrefix: /abandoned}}]
                      policies:
                        timeout: {requestTimeout: 400ms}
                      backends: [{host: "%2$s"}]
                    - name: per-attempt
                      matches: [{path: {pathPrefix: /per-attempt}}]
                      policies:
                        retry: {attempts: 2, codes: [503]}
                        timeout: {requestTimeout: 10s, backendRequestTimeout: 1s}
                      backends: [{host: "%1$s"}]
                    - name: backend-only
                      matches: [{path: {pathPrefix: /backend-only}}]
                      policies:
                        timeout: {backendRequestTimeout: 1s}
                      backends: [{host: "%1$s"}]
                    - name: retry
                      matches: [{path: {pathPrefix: /retry}}]
                      policies:
                        retry: {attempts: 3, backoff: 50ms, codes: [503]}
                      backends: [{host: "%1$s"}]
                    - name: bounded
                      matches: [{path: {pathPrefix: /bounded}}]
                      policies:
                        timeout: {requestTimeout: 600ms}
                        retry: {attempts: 255, backoff: 100ms, codes: [503]}
                      backends: [{host: "%1$s"}]
                    - name: agentgateway-example
                      matches: [{path: {pathPrefix: /example}}]
                      policies:
                        retry:
                          attempts: 2
                          codes: [429]
                        timeout:
                          requestTimeout: 1s
                      backends:
                      - host: "%1$s"
                """.formatted(upstream.address(), silent.address()), dir);
        // The first call opens the connection and warms up the path; the timings below are not about that.
        assertEquals(200, Http.get(url("/retry?key=warm-up"), Map.of()).statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
        script.close();
        silent.close();
    }

    private static String url(String pathAndQuery) {
        return "http://127.0.0.1:" + gateway.port() + pathAndQuery;
    }

    @Test
    void aSlowUpstreamIsAnswered504AtTheDeadline() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = Http.get(url("/deadline?key=slow&ms=5000"), Map.of());
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(504, response.statusCode());
        assertEquals("request timeout", response.body());
        assertEquals("text/plain;charset=utf-8", response.headers().firstValue("content-type").orElseThrow().replace(" ", "").toLowerCase());
        assertTrue(took >= 350 && took < 2500, took + " ms");
    }

    @Test
    void theUpstreamExchangeEndsAtTheDeadline() throws Exception {
        HttpResponse<String> response = Http.get(url("/abandoned"), Map.of());
        assertEquals(504, response.statusCode());
        assertTrue(silent.closedWithin(Duration.ofSeconds(3)), "the gateway closes the upstream connection it gave up on");
    }

    @Test
    void anAnswerThatStartedIsLeftToStreamPastTheDeadline() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = Http.get(url("/deadline?key=stream&stream=250"), Map.of());
        assertEquals(200, response.statusCode());
        assertEquals("chunk 3\nchunk 2\nchunk 1\nchunk 0\n", response.body());
        assertTrue(System.nanoTime() - start > Duration.ofMillis(700).toNanos());
    }

    @Test
    void anUploadStillStreamingAtTheDeadlineIsAnswered504() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /deadline?key=upload HTTP/1.1\r\nHost: localhost\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 504", status);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
        }
    }

    @Test
    void anAttemptOverBackendRequestTimeoutIsRetried() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = Http.get(url("/per-attempt?key=slow-once&slow=1&ms=8000"), Map.of());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("attempt=1 "), response.body());
        assertEquals(Arrays.asList(null, "1"), attempts("slow-once"));
        assertEquals(1, response.headers().allValues("date").size(), "the held headers replace the real ones, not add to them");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void backendRequestTimeoutAloneAnswers504() throws Exception {
        HttpResponse<String> response = Http.get(url("/backend-only?key=slow-backend&ms=8000"), Map.of());
        assertEquals(504, response.statusCode());
        assertEquals("upstream call timeout", response.body());
    }

    @Test
    void attemptsThatKeepTimingOutEndIn504() throws Exception {
        HttpResponse<String> response = Http.get(url("/per-attempt?key=always-slow&ms=8000"), Map.of());
        assertEquals(504, response.statusCode());
        assertEquals("upstream call timeout", response.body());
        assertEquals(Arrays.asList(null, "1", "2"), attempts("always-slow"));
    }

    @Test
    void a503IsRetriedUntilA200AndTheUpstreamSeesWhichRetryItIs() throws Exception {
        HttpResponse<String> response = Http.get(url("/retry?key=flaky&fail=2"), Map.of());
        assertEquals(200, response.statusCode());
        assertEquals("attempt=2 bytes=0 body=", response.body());
        assertEquals(Arrays.asList(null, "1", "2"), attempts("flaky"));
    }

    @Test
    void aPostBodyIsReplayed() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url("/retry?key=post&fail=1")))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("attempt=1 bytes=5 body=hello", response.body());
        assertEquals(List.of(5, 5), script.seen("post").stream().map(ScriptedUpstream.Seen::bytes).toList());
    }

    @Test
    void aBodyOverTheBoundIsSentOnceAndNotRetried() throws Exception {
        byte[] big = new byte[RetryHandler.BODY_LIMIT + 1000];
        HttpResponse<String> known = CLIENT.send(HttpRequest.newBuilder(URI.create(url("/retry?key=big&fail=1")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, known.statusCode());
        assertEquals("attempt=null bytes=" + big.length, known.body());
        // Without a Content-Length, the gateway finds out while buffering, and streams the rest after what it read.
        HttpResponse<String> chunked = CLIENT.send(HttpRequest.newBuilder(URI.create(url("/retry?key=big-chunked&fail=1")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowly(big))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, chunked.statusCode());
        assertEquals("attempt=null bytes=" + big.length, chunked.body());
        assertEquals(1, script.seen("big").size());
        assertEquals(1, script.seen("big-chunked").size());
    }

    @Test
    void whenTheRetriesAreUsedUpTheLastAnswerGoesThrough() throws Exception {
        HttpResponse<String> response = Http.get(url("/retry?key=down&fail=100"), Map.of());
        assertEquals(503, response.statusCode());
        assertEquals("attempt=3 bytes=0 body=", response.body());
        assertEquals(4, script.seen("down").size());
    }

    @Test
    void aConnectionTheUpstreamClosedIsRetried() throws Exception {
        HttpResponse<String> response = Http.get(url("/retry?key=hangup&hangup=1"), Map.of());
        assertEquals(200, response.statusCode());
        assertEquals("attempt=1 bytes=0 body=", response.body());
    }

    @Test
    void requestTimeoutBoundsTheRetries() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = Http.get(url("/bounded?key=forever&fail=100000"), Map.of());
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // No retry starts when its backoff would end past the deadline: the last attempt's 503 goes through, unless the
        // deadline passes while that attempt is still out (504).
        assertTrue(response.statusCode() == 503 || response.statusCode() == 504, response.statusCode() + " " + response.body());
        assertTrue(took < 1500, took + " ms");
        int sent = script.seen("forever").size();
        assertTrue(sent >= 3 && sent <= 8, sent + " attempts");
    }

    @Test
    void agentgatewaysExampleRetriesA429Twice() throws Exception {
        HttpResponse<String> response = Http.get(url("/example?key=example&fail=2&status=429"), Map.of());
        assertEquals(200, response.statusCode());
        assertEquals(3, script.seen("example").size());
        HttpResponse<String> tooMany = Http.get(url("/example?key=example-down&fail=3&status=429"), Map.of());
        assertEquals(429, tooMany.statusCode());
        assertEquals(3, script.seen("example-down").size());
    }

    @Test
    void badValuesAreConfigErrorsAtTheirLine() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        timeout: {requestTimeout: 0s, backendRequestTimeout: soon}
                    - policies:
                        retry: {attempts: 0, codes: [503, 99]}
                    - policies:
                        retry: {backoff: 1s}
                """, dir);
        assertEquals(List.of(
                "<inline>:6:62: binds[0].listeners[0].routes[0].policies.timeout.backendRequestTimeout: invalid duration"
                        + " \"soon\"; write a number with a unit (ns, us, ms, s, m, h), such as 500ms, 10s or 1h30m",
                "<inline>:8:27: binds[0].listeners[0].routes[1].policies.retry.attempts: attempts must be 1-255 (the number"
                        + " of retries after the first attempt), not 0",
                "<inline>:8:43: binds[0].listeners[0].routes[1].policies.retry.codes[1]: 99 is not an HTTP status (100-599)",
                "<inline>:10:16: binds[0].listeners[0].routes[2].policies.retry.codes: codes is required: the statuses to"
                        + " retry, such as [503] ([] retries only calls that failed before an answer)"), problems);
        assertEquals(List.of("<inline>:6:35: binds[0].listeners[0].routes[0].policies.timeout.requestTimeout: requestTimeout"
                + " must be longer than 0, such as 10s; leave it out for no limit"), TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        timeout: {requestTimeout: 0s}
                """, dir));
    }

    private static List<String> attempts(String key) {
        return script.seen(key).stream().map(ScriptedUpstream.Seen::retryAttempt).toList();
    }

    /** The bytes in small pieces, so that the client sends them chunked over a few writes. */
    private static InputStream slowly(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 8192));
            }
        };
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out waiting: " + what);
            Thread.sleep(20);
        }
    }
}
