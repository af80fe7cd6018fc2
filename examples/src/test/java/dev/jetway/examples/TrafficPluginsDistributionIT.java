package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.jetway.core.testing.JetwayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacked release runs the traffic policies: {@code localRateLimit} comes as a PF4J plugin folder with its own
 * library (bucket4j) in {@code plugins/jetway-plugin-local-rate-limit/lib/}, which the kernel's {@code lib/} does not
 * carry; {@code timeout} and {@code retry} come as a plain plugin jar.
 */
class TrafficPluginsDistributionIT {

    @TempDir
    Path dir;

    @Test
    void theRateLimitPluginLoadsItsLibraryFromItsOwnFolder() throws Exception {
        Path home = JetwayProcess.unpackRelease(dir);
        Path plugin = home.resolve("plugins/jetway-plugin-local-rate-limit");
        try (Stream<Path> libs = Files.list(plugin.resolve("lib"))) {
            assertEquals(List.of("bucket4j_jdk17-core-8.17.0.jar"), libs.map(p -> p.getFileName().toString()).toList());
        }
        try (Stream<Path> kernel = Files.list(home.resolve("lib"))) {
            assertFalse(kernel.anyMatch(p -> p.getFileName().toString().startsWith("bucket4j")), "bucket4j stays out of lib/");
        }
        int port = JetwayProcess.freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - policies:
                        localRateLimit: [{maxTokens: 2, tokensPerFill: 1, fillInterval: 1h}]
                        timeout: {requestTimeout: 5s}
                        retry: {attempts: 1, codes: [503]}
                        directResponse: {body: "hello", status: 200}
                """.formatted(port));
        // Without the class-data archive a first start would dump: that is not what this test is about.
        try (JetwayProcess jetway = JetwayProcess.start(List.of(home.resolve("bin/jetway").toString(), "-f",
                config.toString(), "--bind-address", "127.0.0.1"), Map.of("JAVA_OPTS", "-Xshare:off"),
                dir.resolve("jetway.log"), port)) {
            String url = "http://127.0.0.1:" + port + "/";
            assertTrue(run("curl", "-si", url).startsWith("HTTP/1.1 200"));
            String second = run("curl", "-si", url);
            assertTrue(second.startsWith("HTTP/1.1 200") && second.toLowerCase().contains("x-ratelimit-remaining: 0"), second);
            String third = run("curl", "-si", url);
            assertTrue(third.startsWith("HTTP/1.1 429") && third.endsWith("rate limit exceeded"), third);
            String log = jetway.log();
            assertTrue(log.contains("Plugin local-rate-limit 0.1.0-SNAPSHOT (STARTED) from " + plugin), log);
            assertTrue(log.contains("policy localRateLimit") && log.contains("policy retry") && log.contains("policy timeout"), log);
        }
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
