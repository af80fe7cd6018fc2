package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real jetway process: it stops accepting, lets the request in flight finish, and exits 0. */
class GracefulStopIT {

    @TempDir
    Path dir;

    @Test
    void sigtermLetsALongRequestFinishThenExitsZero() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                config:
                  connectionTerminationDeadline: 10s
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - name: slow
                      backends: [{testEcho: {name: slow, delayMs: 2000}}]
                """.formatted(port));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.jetway.core.server.Main", "-f", config.toString(),
                "--bind-address", "127.0.0.1"));
        Path log = dir.resolve("jetway.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(java.util.Map.of("ADMIN_ADDR", "off", "STATS_ADDR", "off", "READINESS_ADDR", "off"));
        Process jetway = builder.start();
        try {
            awaitPort(port, jetway);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long started = System.nanoTime();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/long")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            jetway.destroy(); // SIGTERM
            Thread.sleep(300);
            assertRefused(port);
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("backend=slow "), response.body());
            assertTrue(jetway.waitFor(15, TimeUnit.SECONDS), "jetway exits");
            assertEquals(0, jetway.exitValue(), Files.readString(log));
            assertTrue((System.nanoTime() - started) / 1_000_000 >= 2000);
            assertTrue(Files.readString(log).contains("Stopping: draining requests in flight"), Files.readString(log));
        } finally {
            jetway.destroyForcibly();
        }
    }

    private static void assertRefused(int port) throws IOException {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            throw new AssertionError("port " + port + " still accepts connections while draining");
        } catch (ConnectException expected) {
            // draining: no new connections
        }
    }

    private static void awaitPort(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("jetway exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("jetway did not open port " + port);
    }
}
