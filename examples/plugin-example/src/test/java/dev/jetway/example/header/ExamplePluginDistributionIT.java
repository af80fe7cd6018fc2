package dev.jetway.example.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does: unpack the release, drop this plugin's jar into {@code plugins/}, start {@code bin/jetway}
 * with a config that uses the new key, and see the header on a real response.
 */
class ExamplePluginDistributionIT {

    @TempDir
    Path dir;

    @Test
    void aJarDroppedIntoPluginsIsPickedUpAtTheNextStart() throws Exception {
        Path tarball = Path.of(System.getProperty("jetway.distribution"));
        Path jar = Path.of(System.getProperty("plugin.jar"));
        assertTrue(Files.exists(tarball), "build the distribution first (mvn verify from the root): " + tarball);
        assertTrue(Files.exists(jar), "package this plugin first: " + jar);

        run(dir, "tar", "xzf", tarball.toString());
        Path home;
        try (var entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - policies:
                        exampleHeader: {name: x-served-by, value: my-plugin}
                        directResponse: {body: "hello from the distribution", status: 200}
                """.formatted(port));

        Path log = dir.resolve("jetway.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jetway").toString(), "-f", config.toString(),
                "--bind-address", "127.0.0.1").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(java.util.Map.of("ADMIN_ADDR", "off", "STATS_ADDR", "off", "READINESS_ADDR", "off"));
        Process jetway = builder.start();
        try {
            awaitPort(port, jetway, log);
            String response = run(dir, "curl", "-si", "http://127.0.0.1:" + port + "/");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.toLowerCase().contains("x-served-by: my-plugin"), response);
            assertTrue(response.endsWith("hello from the distribution"), response);
            String startup = Files.readString(log);
            assertTrue(startup.contains("Plugin example-header 0.1.0-SNAPSHOT (STARTED) from "
                    + home.resolve("plugins").resolve(jar.getFileName())), startup);
            assertTrue(startup.contains("policy exampleHeader"), startup);
        } finally {
            jetway.destroy();
            assertTrue(jetway.waitFor(20, TimeUnit.SECONDS));
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static void awaitPort(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("jetway exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("jetway did not open port " + port + ": " + Files.readString(log));
    }
}
