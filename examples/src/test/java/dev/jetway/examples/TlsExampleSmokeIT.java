package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.plugin.mcp.testing.Everything;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP smoke test of {@code examples/tls/README.md}, run as written: the official MCP Inspector CLI (pinned in
 * {@code tools/mcp-servers}) against the TLS example, served by a gateway of its own process whose stdio child is
 * started with {@code npx}, as the example says.
 */
class TlsExampleSmokeIT {

    private static final Path TLS = Path.of("tls").toAbsolutePath();
    private static final String SMOKE_TEST = "NODE_TLS_REJECT_UNAUTHORIZED=0 npx ";

    @TempDir
    Path dir;

    @Test
    void theInspectorListsAndCallsToolsThroughTheTlsExample() throws Exception {
        List<String> commands = Files.readAllLines(TLS.resolve("README.md")).stream().filter(l -> l.startsWith(SMOKE_TEST)).toList();
        assertEquals(2, commands.size(), "the README's smoke test: tools/list, then a tools/call");

        for (String file : List.of("config.yaml", "make-cert.sh")) {
            Files.copy(TLS.resolve(file), dir.resolve(file));
        }
        Process cert = new ProcessBuilder("sh", dir.resolve("make-cert.sh").toString()).redirectErrorStream(true).start();
        String certOut = new String(cert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cert.waitFor(), certOut);
        int port = JetwayProcess.freePort();
        Path config = dir.resolve("config.yaml");
        String yaml = Files.readString(config);
        assertTrue(yaml.contains("- port: 3000\n"), yaml);
        Files.writeString(config, yaml.replace("- port: 3000\n", "- port: " + port + "\n"));

        // From tools/mcp-servers, npx (the gateway's for its stdio child, the README's for the Inspector) finds the
        // pinned packages there; the Inspector's runs are kept from downloading anything (npm_config_offline).
        Map<String, String> offline = Map.of("npm_config_offline", "true");
        Path servers = Everything.serversDir();
        try (JetwayProcess jetway = JetwayProcess.main(config, offline, servers, dir.resolve("jetway.log"), port)) {
            JsonNode listed = run(commands.get(0).replace(":3000/", ":" + port + "/"), servers, offline, jetway);
            List<String> tools = listed.path("tools").findValuesAsText("name");
            assertTrue(tools.containsAll(List.of("echo", "get-sum", "simulate-research-query")), tools.toString());

            JsonNode called = run(commands.get(1).replace(":3000/", ":" + port + "/"), servers, offline, jetway);
            assertEquals("Echo: hello through jetway", called.path("content").path(0).path("text").asText(), called.toString());
            assertFalse(jetway.log().contains("WARN"), jetway.log());
        }
    }

    /** Runs a README command line with {@code sh}; @return the JSON it printed */
    private static JsonNode run(String command, Path directory, Map<String, String> environment, JetwayProcess jetway) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(directory.toFile());
        builder.environment().putAll(environment);
        Path errors = Files.createTempFile("inspector", ".err");
        Process process = builder.redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " did not end");
        String stderr = Files.readString(errors);
        Files.delete(errors);
        assertEquals(0, process.exitValue(), command + "\n" + out + stderr + "\n" + jetway.log());
        return new ObjectMapper().readTree(out);
    }
}
