package dev.jetway.core.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one client can hold on a listener: a connection trickling its headers, garbage on a TLS port. */
class ConnectionLimitsIT {

    @TempDir
    static Path dir;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.newCa("limits CA").server(KeyType.EC, "localhost").write(dir.resolve("tls"), KeyFormat.PKCS8);
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes: [{backends: [{testEcho: {name: plain}}]}]
                - port: 0
                  listeners:
                  - protocol: HTTPS
                    tls: {cert: tls/cert.pem, key: tls/key.pem}
                    routes: [{backends: [{testEcho: {name: secure}}]}]
                """, dir, Map.of("STATS_ADDR", "127.0.0.1:0"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static String metrics() throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.opsPort("stats") + "/metrics", Map.of()).body();
    }

    /** A byte every second resets an idle timeout forever; the header deadline does not move. */
    @Test
    void aClientTricklingItsHeadersIsClosedAtTheDeadline() throws Exception {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", gateway.port(0))) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] request = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            boolean closed = false;
            for (int i = 0; i < 30 && !closed; i++) {
                try {
                    out.write(request[Math.min(i, request.length - 1)]);
                    out.flush();
                    closed = in.read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // nothing to read yet: the connection is open
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(closed, "still open after " + seconds + " s");
            assertTrue(seconds >= ConnectorFactory.HEADER_TIMEOUT_MS / 1000 - 1 && seconds <= ConnectorFactory.HEADER_TIMEOUT_MS / 1000 + 4,
                    "closed after " + seconds + " s");
        }
        assertTrue(metrics().contains("jetway_connections_header_timeouts_total{bind=\"0\"} 1.0"), metrics());
        String metrics = metrics();
        assertTrue(metrics.matches("(?s).*jetway_connections_limit\\{bind=\"0\"} [1-9][0-9]*\\.0.*"), metrics);
        assertEquals(200, Http.get("http://127.0.0.1:" + gateway.port(0) + "/", Map.of()).statusCode(), "others are served");
    }

    @Test
    void garbageOnATlsPortCountsAsAFailedHandshake() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port(1))) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
        }
        assertTrue(metrics().contains("reason=\"not_tls\",result=\"failed\"} 1.0"), metrics());
    }
}
