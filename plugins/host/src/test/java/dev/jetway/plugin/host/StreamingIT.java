package dev.jetway.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jetway.core.testing.Upstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 MB each way through a gateway process whose heap is capped far below that: the proxy streams, it does not
 * buffer. The gateway runs as its own JVM ({@code -Xmx40m}) so that the bound applies to it alone.
 */
class StreamingIT {

    private static final long SIZE = 50L * 1024 * 1024;
    private static final String HEAP = "-Xmx40m";

    @TempDir
    Path dir;

    @Test
    void fiftyMegabytesEachWayThroughABoundedHeap() throws Exception {
        try (Upstream upstream = Upstream.start(new TestUpstreamHandlers())) {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path config = Files.writeString(dir.resolve("config.yaml"), """
                    binds:
                    - port: %d
                      listeners:
                      - routes:
                        - backends: [{host: "%s"}]
                    """.formatted(port, upstream.address()));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    "dev.jetway.core.server.Main", "-f", config.toString(), "--bind-address", "127.0.0.1"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("gateway.log").toFile());
            builder.environment().putAll(java.util.Map.of("ADMIN_ADDR", "off", "STATS_ADDR", "off", "READINESS_ADDR", "off"));
            Process gateway = builder.start();
            try {
                awaitPort(port, gateway);
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
                assertTrue(gateway.isAlive(), "the gateway survived both transfers within " + HEAP + ": "
                        + Files.readString(dir.resolve("gateway.log"), StandardCharsets.UTF_8));
            } finally {
                gateway.destroy();
                gateway.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitPort(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the gateway did not open port " + port);
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
