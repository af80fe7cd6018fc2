package dev.jetway.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The host backend behind a real HTTPS listener, to a real Jetty upstream, over HTTP/1.1 and HTTP/2. */
class HostProxyIT {

    @TempDir
    static Path dir;
    static TestCertificates ca;
    static Upstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.newCa("host proxy CA");
        ca.server(KeyType.EC, "localhost", "127.0.0.1").write(dir.resolve("tls"), KeyFormat.PKCS8);
        upstream = Upstream.start(new TestUpstreamHandlers());
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - protocol: HTTPS
                    tls: {cert: tls/cert.pem, key: tls/key.pem}
                    routes:
                    - name: dead
                      matches: [{path: {pathPrefix: /dead}}]
                      backends: [{host: "127.0.0.1:1"}]
                    - name: by-name
                      matches: [{path: {pathPrefix: /by-name}}]
                      backends: [{host: "localhost:%2$d"}]
                    - name: app
                      backends: [{host: "%1$s"}]
                """.formatted(upstream.address(), upstream.port()), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    private static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(ca.clientContext(null))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String url(String path) {
        return "https://localhost:" + gateway.port() + path;
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void methodPathQueryHeadersAndBodyPassThroughWithForwardingHeaders(HttpClient.Version version) throws Exception {
        HttpResponse<String> response = client(version).send(HttpRequest.newBuilder(URI.create(url("/a/b%20c?x=1&y=two")))
                .header("X-Custom", "kept").header("X-Forwarded-For", "203.0.113.7")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(version, response.version());
        assertEquals("yes", response.headers().firstValue("x-upstream").orElseThrow());
        assertEquals(1, response.headers().allValues("date").size(), "one Date header, not the upstream's and ours");
        String[] parts = response.body().split("\n\n", 2);
        List<String> lines = List.of(parts[0].split("\n"));
        assertEquals("PATCH /a/b%20c?x=1&y=two", lines.get(0));
        assertTrue(lines.contains("x-custom: kept"), parts[0]);
        assertTrue(lines.contains("x-forwarded-for: 203.0.113.7, 127.0.0.1"), parts[0]);
        assertTrue(lines.contains("x-forwarded-proto: https"), parts[0]);
        assertTrue(lines.contains("x-forwarded-host: localhost:" + gateway.port()), parts[0]);
        assertTrue(lines.contains("host: localhost:" + gateway.port()), parts[0]);
        assertTrue(lines.contains("forwarded: for=127.0.0.1;host=\"localhost:" + gateway.port() + "\";proto=https"), parts[0]);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("via: ")), parts[0]);
        assertEquals("payload", parts[1]);
    }

    /**
     * agentgateway's automatic host rewrite: a target named by hostname gets that name as its Host (and HTTP/2
     * {@code :authority}), while the forwarding headers keep the one the client used.
     */
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aTargetNamedByHostnameGetsItsNameAsHost(HttpClient.Version version) throws Exception {
        HttpResponse<String> response = client(version).send(HttpRequest.newBuilder(URI.create(url("/by-name/x"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> lines = List.of(response.body().split("\n\n", 2)[0].split("\n"));
        assertTrue(lines.contains("host: localhost:" + upstream.port()), lines.toString());
        assertTrue(lines.contains("x-forwarded-host: localhost:" + gateway.port()), lines.toString());
    }

    /**
     * A gateway holds many slow or long-lived exchanges (event streams, long polls) to one upstream at once: they must
     * not queue behind a small per-upstream connection limit (Jetty's client allows 64; Envoy's default is 1024).
     */
    @Test
    void twoHundredRequestsToOneUpstreamAreInFlightTogether() throws Exception {
        // Two clients, each with its HTTP/2 connection: one connection carries at most 128 streams at once.
        List<HttpClient> clients = List.of(client(HttpClient.Version.HTTP_2), client(HttpClient.Version.HTTP_2));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(clients.get(i % 2).sendAsync(HttpRequest.newBuilder(URI.create(url("/gather?name=two-hundred&n=200"))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals("all 200 in flight together\n", response.get(30, TimeUnit.SECONDS).body());
        }
    }

    /** Even a 401 without WWW-Authenticate: the gateway's client does no authentication (nor decompression) of its own. */
    @Test
    void upstreamStatusesPassThrough() throws Exception {
        for (int status : new int[] {418, 401}) {
            HttpResponse<String> response = client(HttpClient.Version.HTTP_1_1).send(
                    HttpRequest.newBuilder(URI.create(url("/status/" + status))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(status, response.statusCode());
            assertTrue(response.body().startsWith("GET /status/" + status + "\n"), response.body());
            assertTrue(!response.body().contains("accept-encoding"), "no Accept-Encoding the client did not send: " + response.body());
        }
    }

    @Test
    void anUnreachableUpstreamIs502WithTheReason() throws Exception {
        HttpResponse<String> response = client(HttpClient.Version.HTTP_2).send(
                HttpRequest.newBuilder(URI.create(url("/dead/x"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(502, response.statusCode());
        assertEquals("upstream http://127.0.0.1:1 failed: connection refused\n", response.body());
    }

    @Test
    void curlThroughTheHttpsListener() throws Exception {
        Process curl = new ProcessBuilder("curl", "-sk", "-H", "X-From: curl", url("/hello?from=curl"))
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());
        assertTrue(out.startsWith("GET /hello?from=curl\n"), out);
        assertTrue(out.contains("x-from: curl"), out);
    }
}
