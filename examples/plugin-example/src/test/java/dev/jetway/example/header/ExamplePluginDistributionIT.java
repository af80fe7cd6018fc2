package dev.jetway.example.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.core.testing.Release;
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
        Path jar = Path.of(System.getProperty("plugin.jar"));
        assertTrue(Files.exists(jar), "package this plugin first: " + jar);
        Path home = Release.unpack(dir);
        Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
        int port = JetwayProcess.freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - policies:
                        exampleHeader: {name: x-served-by, value: my-plugin}
                        directResponse: {body: "hello from the distribution", status: 200}
                """.formatted(port));

        try (JetwayProcess jetway = Release.start(home, config, dir.resolve("jetway.log"), port)) {
            String response = run(dir, "curl", "-si", "http://127.0.0.1:" + port + "/");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.toLowerCase().contains("x-served-by: my-plugin"), response);
            assertTrue(response.endsWith("hello from the distribution"), response);
            String startup = jetway.log();
            assertTrue(startup.contains("Plugin example-header 0.1.0-SNAPSHOT (STARTED) from "
                    + home.resolve("plugins").resolve(jar.getFileName())), startup);
            assertTrue(startup.contains("policy exampleHeader"), startup);
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
