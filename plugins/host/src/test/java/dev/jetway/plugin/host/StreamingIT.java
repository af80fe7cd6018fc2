package dev.jetway.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.core.testing.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big bodies through a gateway process whose heap is capped far below them: the proxy streams, it does not buffer,
 * and a client leaving half-way is routine. The gateway runs as its own JVM ({@code -Xmx40m}) so that the bound
 * applies to it alone.
 */
class StreamingIT {

    private static final long SIZE = 50L * 1024 * 1024;
    private static final String HEAP = "-Xmx40m";

    @TempDir
    static Path dir;
    static Upstream upstream;
    static JetwayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        upstream = Upstream.start(new TestUpstreamHandlers());
        port = JetwayProcess.freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - backends: [{host: "%s"}]
                """.formatted(port, upstream.address()));
        gateway = JetwayProcess.main(config, dir.resolve("gateway.log"), port, HEAP, "-XX:+ExitOnOutOfMemoryError");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void fiftyMegabytesEachWayThroughABoundedHeap() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(SIZE))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upload.statusCode(), upload.body());
        assertEquals("received " + SIZE + "\n", upload.body());

        HttpResponse<InputStream> download = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/download?bytes=" + SIZE)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        long received = 0;
        byte[] buffer = new byte[65536];
        try (InputStream in = download.body()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received += n;
            }
        }
        assertEquals(SIZE, received);
        assertTrue(gateway.process().isAlive(), "the gateway survived both transfers within " + HEAP + ": "
                + gateway.log());
    }

    /**
     * Clients that hang up in the middle of a download are routine (a closed tab, a load generator stopping): that
     * is no upstream failure, and must not fill the log with warnings blaming the upstream.
     */
    @Test
    void aClientLeavingMidDownloadIsNotLoggedAsAnUpstreamFailure() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /download?bytes=" + SIZE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[65536];
                for (long read = 0; read < 1024 * 1024; ) {
                    read += in.read(buffer);
                }
            }
        }
        // The gateway still serves, and has had the time to notice each abort.
        HttpResponse<String> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/after")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode());
        Thread.sleep(500);
        String log = gateway.log();
        assertTrue(!log.contains("failed for GET /download"), log);
    }

    /** {@code size} zero bytes, generated on demand rather than held in memory. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
