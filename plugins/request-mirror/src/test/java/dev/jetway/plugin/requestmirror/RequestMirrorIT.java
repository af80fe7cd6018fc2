package dev.jetway.plugin.requestmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jetway.core.testing.EchoUpstream;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code requestMirror} through a real gateway, to real upstreams: one that answers, one that never does, none at all. */
class RequestMirrorIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    static EchoUpstream primary;
    static EchoUpstream mirror;
    /** Accepts connections and never answers on them. */
    static ServerSocket silent;
    static final List<Socket> held = new CopyOnWriteArrayList<>();
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        primary = EchoUpstream.start();
        mirror = EchoUpstream.start();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (Exception closed) {
                    return;
                }
            }
        }, "silent-mirror");
        acceptor.setDaemon(true);
        acceptor.start();
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: all
                      matches: [{path: {pathPrefix: /all}}]
                      policies:
                        requestMirror: {backend: {host: "%2$s"}, percentage: 1.0}
                      backends: [{host: "%1$s"}]
                    - name: half
                      matches: [{path: {pathPrefix: /half}}]
                      policies:
                        # Mirror 50%% of requests
                        requestMirror:
                          backend:
                            host: %2$s
                          percentage: .5
                      backends: [{host: "%1$s"}]
                    - name: none
                      matches: [{path: {pathPrefix: /none}}]
                      policies:
                        requestMirror: {backend: {host: "%2$s"}, percentage: 0}
                      backends: [{host: "%1$s"}]
                    - name: silent
                      matches: [{path: {pathPrefix: /silent}}]
                      policies:
                        requestMirror: {backend: {host: "127.0.0.1:%3$d"}, percentage: 1}
                      backends: [{host: "%1$s"}]
                    - name: dead
                      matches: [{path: {pathPrefix: /dead}}]
                      policies:
                        requestMirror: {backend: {host: "127.0.0.1:1"}, percentage: 1}
                      backends: [{host: "%1$s"}]
                """.formatted(primary.address(), mirror.address(), silent.getLocalPort()), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
        primary.close();
        mirror.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(20)).header("x-test", "mirrored")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void drain() throws InterruptedException {
        while (primary.next(Duration.ofMillis(50)) != null || mirror.next(Duration.ofMillis(50)) != null) {
            // earlier tests' requests
        }
    }

    @Test
    void theMirrorGetsMethodPathHeadersAndBody() throws Exception {
        drain();
        HttpResponse<String> response = send("POST", "/all/items?x=1", "{\"a\":1}");
        assertEquals(200, response.statusCode());
        String primaryGot = primary.next(Duration.ofSeconds(5));
        String mirrorGot = mirror.next(Duration.ofSeconds(5));
        assertNotNull(mirrorGot, "mirrored");
        assertTrue(mirrorGot.startsWith("POST /all/items?x=1\n"), mirrorGot);
        assertTrue(mirrorGot.contains("\nx-test: mirrored\n"), mirrorGot);
        assertTrue(mirrorGot.contains("\ncontent-length: 7\n"), mirrorGot);
        assertTrue(mirrorGot.endsWith("\n\n{\"a\":1}"), mirrorGot);
        assertTrue(primaryGot.endsWith("\n\n{\"a\":1}"), primaryGot);
        assertEquals(response.body(), primaryGot, "the client gets the primary's answer");
    }

    @Test
    void requestsWithoutBodyAreMirroredToo() throws Exception {
        drain();
        assertEquals(200, send("GET", "/all/get", null).statusCode());
        String mirrorGot = mirror.next(Duration.ofSeconds(5));
        assertNotNull(mirrorGot);
        assertTrue(mirrorGot.startsWith("GET /all/get\n"), mirrorGot);
    }

    @Test
    void theShareOfMirroredRequestsFollowsThePercentage() throws Exception {
        drain();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, send("GET", "/none", null).statusCode());
        }
        assertNull(mirror.next(Duration.ofMillis(500)), "percentage 0 mirrors nothing");
        for (int i = 0; i < 200; i++) {
            assertEquals(200, send("GET", "/half/" + i, null).statusCode());
        }
        int mirrored = 0;
        while (mirror.next(Duration.ofMillis(500)) != null) {
            mirrored++;
        }
        // Binomial(200, 0.5): 60-140 is more than five standard deviations either side.
        assertTrue(mirrored >= 60 && mirrored <= 140, mirrored + " of 200 mirrored");
    }

    @Test
    void aMirrorThatNeverAnswersOrIsDownDoesNotDelayOrChangeTheAnswer() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (String path : List.of("/silent/a", "/silent/b", "/dead/c")) {
            long start = System.nanoTime();
            HttpResponse<String> response = send("POST", path, "payload");
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("POST " + path + "\n"), response.body());
        }
        assertTrue(millis.stream().allMatch(ms -> ms < 5_000), "answered without waiting for the mirror: " + millis);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (held.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(held.size() >= 1, "the silent mirror was called");
    }

    @Test
    void aBodyOverTheLimitIsForwardedButNotMirrored() throws Exception {
        drain();
        String large = "x".repeat(RequestMirrorHandler.MAX_BODY + 1);
        HttpResponse<String> response = send("PUT", "/all/large", large);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().endsWith("\n\n" + large), "the primary got it all");
        assertNull(mirror.next(Duration.ofMillis(500)));
    }
}
