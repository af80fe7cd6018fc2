package dev.jetway.plugin.mcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's {@code tools/call} names are its own words: calls to invented tools, each named with a megabyte, must
 * neither become metric series nor fill the heap. Run in a gateway of 128 MB heap, where keeping the names as labels
 * ran out of memory within a hundred calls.
 */
class InventedToolNamesIT {

    @TempDir
    Path dir;

    @Test
    void onlyListedToolsBecomeLabelsWhateverClientsCall() throws Exception {
        int port = JetwayProcess.freePort();
        int stats = JetwayProcess.freePort();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                config:
                  statsAddr: 127.0.0.1:%d
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - backends:
                      - mcp:
                          targets:
                          - name: everything
                            %s
                """.formatted(stats, port, Everything.stdioYaml()));
        try (JetwayProcess jetway = JetwayProcess.main(config, dir.resolve("jetway.log"), port, "-Xmx128m")) {
            PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + port + "/mcp");
            assertTrue(session.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body().contains("\"echo\""));
            assertEquals(200, session.call(3, "echo", "{\"message\":\"hi\"}").statusCode());
            String megabyte = "x".repeat(1 << 20);
            for (int i = 0; i < 150; i++) {
                HttpResponse<String> reply = session.call(100 + i, megabyte + i, "{}");
                assertEquals(200, reply.statusCode(), reply.body());
            }
            HttpResponse<String> metrics = Http.get("http://127.0.0.1:" + stats + "/metrics", Map.of());
            assertEquals(200, metrics.statusCode(), jetway.log());
            List<String> series = metrics.body().lines().filter(l -> l.startsWith("jetway_mcp_tool_calls_total{")).toList();
            assertEquals(2, series.size(), series.toString());
            assertTrue(series.stream().anyMatch(s -> s.contains("tool=\"echo\"} 1.0")), series.toString());
            assertTrue(series.stream().anyMatch(s -> s.contains("tool=\"unknown\"} 150.0")), series.toString());
            assertTrue(metrics.body().length() < 1 << 20, "metrics page of " + metrics.body().length() + " chars");
            assertFalse(jetway.log().contains("OutOfMemoryError"), jetway.log());
        }
    }
}
