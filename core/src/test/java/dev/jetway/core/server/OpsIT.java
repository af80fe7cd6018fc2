package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.JdkTls;
import dev.jetway.core.testing.Openssl;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations endpoints of a running gateway: readiness, Prometheus metrics, admin, and the access log. */
class OpsIT {

    private static final Map<String, String> OPS = Map.of("ADMIN_ADDR", "127.0.0.1:0", "STATS_ADDR", "127.0.0.1:0",
            "READINESS_ADDR", "127.0.0.1:0");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestCertificates ca;

    @BeforeEach
    void certificates() {
        ca = TestCertificates.newCa("ops CA");
        ca.server(KeyType.EC, "localhost").write(dir.resolve("tls"), KeyFormat.PKCS8);
    }

    private static String config(String logging) {
        return """
                config:
                  session: {key: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}
                  logging: %s
                binds:
                - port: 0
                  listeners:
                  - name: plain
                    routes:
                    - name: fast
                      backends: [{testEcho: {name: quick}}]
                - port: 0
                  listeners:
                  - name: secure
                    protocol: HTTPS
                    tls: {cert: tls/cert.pem, key: tls/key.pem}
                    routes:
                    - name: slow
                      backends: [{testEcho: {name: slow, delayMs: 1500}}]
                """.formatted(logging);
    }

    private static HttpResponse<String> ops(TestGateway gateway, String endpoint, String method, String path) throws Exception {
        return Http.send(method, "http://127.0.0.1:" + gateway.opsPort(endpoint) + path, Map.of());
    }

    @Test
    void metricsAreValidPrometheusTextCountingRequestsHandshakesAndConnections() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("{accessLog: \"off\"}"), dir, OPS)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, Http.get("http://127.0.0.1:" + gateway.port(0) + "/x", Map.of()).statusCode());
            }
            assertFalse(Openssl.connect(gateway.port(1), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0").succeeded());
            assertTrue(JdkTls.get(ca.clientContext(null), gateway.port(1), "localhost", "/").contains("backend=slow"));

            HttpResponse<String> scrape = ops(gateway, "stats", "GET", "/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
            String text = scrape.body();
            assertPromtoolAccepts(text);
            assertTrue(text.contains("jetway_requests_total{backend=\"testEcho\",bind=\"0\",listener=\"plain\",route=\"fast\","
                    + "status=\"2xx\"} 3.0"), text);
            assertTrue(text.contains("jetway_request_duration_seconds_bucket{bind=\"0\",listener=\"plain\",route=\"fast\",le="), text);
            assertTrue(text.contains("jetway_tls_handshakes_total{bind=\"0\",protocol=\"none\",reason=\"protocol_version\","
                    + "result=\"failed\"} 1.0"), text);
            assertTrue(text.contains("jetway_tls_handshakes_total{bind=\"0\",protocol=\"TLSv1.3\",reason=\"none\","
                    + "result=\"succeeded\"} 1.0"), text);
            assertTrue(text.contains("jetty_connections_current"), text);
            assertFalse(text.contains("jetty_connections_bytes"), "byte counts that would always read 0: " + text);
            assertTrue(text.contains("jetty_threads_current"), text);
            assertTrue(text.contains("jetway_config_reload_failures_total 0.0"), text);
        }
    }

    /** Validates the exposition with Prometheus's own parser ({@code promtool}, from Debian's prometheus package). */
    private static void assertPromtoolAccepts(String text) throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
        // 0: clean, 3: parsed with lint hints (the JVM meters' names), 1: did not parse
        assertTrue(promtool.exitValue() == 0 || promtool.exitValue() == 3, out);
        assertFalse(out.contains("parsing error"), out);
        assertFalse(out.lines().anyMatch(line -> line.startsWith("jetway_")), "jetway's own metrics lint clean: " + out);
    }

    @Test
    void readinessIs200WhenServingAnd503WhileDraining() throws Exception {
        TestGateway gateway = TestGateway.start(config("{accessLog: \"off\"}"), dir, OPS);
        assertEquals("ready\n", ops(gateway, "readiness", "GET", "/healthz/ready").body());
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return JdkTls.get(ca.clientContext(null), gateway.port(1), "localhost", "/slow");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        HttpResponse<String> draining = ops(gateway, "readiness", "GET", "/healthz/ready");
        assertEquals(503, draining.statusCode());
        assertEquals("not ready\n", draining.body());
        assertTrue(slow.get(10, TimeUnit.SECONDS).startsWith("HTTP/1.1 200"));
        stopping.get(20, TimeUnit.SECONDS);
    }

    @Test
    void adminDumpsTheConfigWithSecretsRedactedListsPluginsAndChangesLogLevels() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("{accessLog: \"off\"}"), dir, OPS)) {
            JsonNode dump = JSON.readTree(ops(gateway, "admin", "GET", "/config_dump").body());
            assertEquals("<redacted>", dump.at("/config/session/key").asText());
            assertEquals("fast", dump.at("/binds/0/listeners/0/routes/0/name").asText());
            JsonNode plugins = JSON.readTree(ops(gateway, "admin", "GET", "/plugins").body());
            assertTrue(plugins.toString().contains("backend testEcho"), plugins.toString());

            assertEquals("INFO", JSON.readTree(ops(gateway, "admin", "GET", "/logging").body()).get("dev.jetway").asText());
            assertEquals(405, ops(gateway, "admin", "GET", "/logging?level=debug").statusCode());
            HttpResponse<String> changed = ops(gateway, "admin", "POST", "/logging?level=dev.jetway.core.routing=debug");
            assertEquals("DEBUG", JSON.readTree(changed.body()).get("dev.jetway.core.routing").asText());
            HttpResponse<String> bad = ops(gateway, "admin", "POST", "/logging?level=loud");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().startsWith("unknown log level \"loud\""), bad.body());
            ops(gateway, "admin", "POST", "/logging?level=dev.jetway.core.routing=info");
        }
    }

    /** Secrets come into the config through the environment; the dump shows the reference, not the secret. */
    @Test
    void theConfigDumpShowsEnvironmentReferencesAsWritten() throws Exception {
        String yaml = """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - backends: [{testEcho: {name: "user:${UPSTREAM_PASSWORD}@upstream"}}]
                """;
        Map<String, String> env = new java.util.HashMap<>(OPS);
        env.put("UPSTREAM_PASSWORD", "hunter2-s3cret");
        try (TestGateway gateway = TestGateway.start(yaml, dir, env)) {
            String dump = ops(gateway, "admin", "GET", "/config_dump").body();
            assertFalse(dump.contains("hunter2-s3cret"), dump);
            assertEquals("user:${UPSTREAM_PASSWORD}@upstream",
                    JSON.readTree(dump).at("/binds/0/listeners/0/routes/0/backends/0/testEcho/name").asText(), dump);
        }
    }

    /** A page in the operator's browser can reach loopback: by DNS rebinding, or by a cross-origin form or fetch. */
    @Test
    void theAdminRefusesBrowsersAndRebindingHosts() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("{accessLog: \"off\"}"), dir, OPS)) {
            int port = gateway.opsPort("admin");
            String rebound = Http.raw(port, "GET /config_dump HTTP/1.1\r\nHost: attacker.example:" + port
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
            assertFalse(rebound.contains("binds"), rebound);
            String form = Http.raw(port, "POST /quitquitquit HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 1\r\nConnection: close\r\n\r\nx");
            assertTrue(form.startsWith("HTTP/1.1 403"), form);
            String crossOrigin = Http.raw(port, "POST /quitquitquit HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://attacker.example"
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertTrue(crossOrigin.startsWith("HTTP/1.1 403"), crossOrigin);
            assertTrue(gateway.gateway().server().isRunning());
            String local = Http.raw(port, "GET /config_dump HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");
            assertTrue(local.startsWith("HTTP/1.1 200"), local);
        }
    }

    @Test
    void quitquitquitStopsGracefully() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("{accessLog: \"off\"}"), dir, OPS)) {
            assertEquals(405, ops(gateway, "admin", "GET", "/quitquitquit").statusCode());
            assertEquals(200, ops(gateway, "admin", "POST", "/quitquitquit").statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gateway.gateway().server().isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(gateway.gateway().server().isRunning());
        }
    }

    @Test
    void theAccessLogWritesOneJsonLinePerRequestToADailyFile() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("{format: json, accessLog: logs/access.log}"), dir, OPS)) {
            Http.get("http://127.0.0.1:" + gateway.port(0) + "/hello?x=1", Map.of());
            String response = JdkTls.get(ca.clientContext(null), gateway.port(1), "localhost", "/secure");
            assertTrue(response.contains("backend=slow"), response);
        }
        Path file = dir.resolve("logs/access." + LocalDate.now(ZoneOffset.UTC).toString().replace('-', '_') + ".log");
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        JsonNode plain = JSON.readTree(lines.get(0));
        assertEquals("plain", plain.get("listener").asText());
        assertEquals("fast", plain.get("route").asText());
        assertEquals("testEcho", plain.get("backend").asText());
        assertEquals("GET", plain.get("method").asText());
        assertEquals("/hello", plain.get("path").asText());
        assertEquals(200, plain.get("status").asInt());
        assertTrue(plain.get("bytes").asLong() > 0);
        JsonNode secure = JSON.readTree(lines.get(1));
        assertEquals("TLSv1.3", secure.get("tls_version").asText());
        assertEquals("TLS_AES_128_GCM_SHA256", secure.get("tls_cipher").asText());
        assertTrue(secure.get("duration_ms").asLong() >= 1500, secure.toString());
    }

    @Test
    void anOpsAddressThatIsNotLoopbackIsRefusedForTheAdmin() {
        List<String> problems = TestGateway.problems("""
                config:
                  adminAddr: 0.0.0.0:15000
                  statsAddr: nowhere
                binds:
                - port: 3000
                  listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]
                """, dir);
        assertEquals(List.of(
                "<inline>:2:14: config.adminAddr: the admin endpoint must listen on a loopback address such as "
                        + "localhost:15000 (it can stop the gateway and change log levels), not *:15000",
                "<inline>:3:14: config.statsAddr: \"nowhere\" is not an address: write ip:port, :port or off"), problems);
    }

    /** What start-up would fail on ("address already in use"), validation says first; an unquoted off is off. */
    @Test
    void opsEndpointsNeedPortsOfTheirOwn() {
        List<String> problems = TestGateway.problems("""
                config:
                  adminAddr: localhost:3000
                  statsAddr: :15020
                  readinessAddr: :15020
                binds:
                - port: 3000
                  listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]
                """, dir);
        assertEquals(List.of(
                "<inline>:2:3: config.adminAddr: adminAddr uses port 3000, which binds[0] listens on; give the operations "
                        + "endpoint another port",
                "<inline>:4:3: config.readinessAddr: readinessAddr uses port 15020, as statsAddr does; give each operations "
                        + "endpoint its own port"), problems);
        assertEquals(List.of(), TestGateway.problems("""
                config: {adminAddr: off, statsAddr: off, readinessAddr: off}
                binds:
                - port: 3000
                  listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]
                """, dir));
    }
}
