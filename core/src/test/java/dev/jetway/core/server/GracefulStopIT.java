package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.jetway.core.testing.JetwayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real jetway process: it stops accepting, lets the request in flight finish, and exits 0. */
class GracefulStopIT {

    @TempDir
    Path dir;

    @Test
    void sigtermLetsALongRequestFinishThenExitsZero() throws Exception {
        int port = JetwayProcess.freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                config:
                  connectionTerminationDeadline: 10s
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - name: quick
                      matches: [{path: {pathPrefix: /quick}}]
                      backends: [{testEcho: {name: quick}}]
                    - name: slow
                      backends: [{testEcho: {name: slow, delayMs: 2000}}]
                """.formatted(port));
        try (JetwayProcess jetway = JetwayProcess.main(config, dir.resolve("jetway.log"), port)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // A first request loads the request path's classes: on a busy machine a cold first request could still be
            // on its way in when SIGTERM comes, and would find the handlers stopped instead of being drained.
            HttpResponse<String> warm = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/quick")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, warm.statusCode(), warm.body());
            long started = System.nanoTime();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/long")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            jetway.process().destroy(); // SIGTERM
            Thread.sleep(300);
            assertRefused(port);
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body() + "\n" + jetway.log());
            assertTrue(response.body().startsWith("backend=slow "), response.body());
            assertTrue(jetway.process().waitFor(15, TimeUnit.SECONDS), "jetway exits");
            assertEquals(0, jetway.process().exitValue(), jetway.log());
            assertTrue((System.nanoTime() - started) / 1_000_000 >= 2000);
            assertTrue(jetway.log().contains("Stopping: draining requests in flight"), jetway.log());
        }
    }

    private static void assertRefused(int port) throws IOException {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            throw new AssertionError("port " + port + " still accepts connections while draining");
        } catch (ConnectException expected) {
            // draining: no new connections
        }
    }
}
