package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.Mcp;
import dev.jetway.plugin.mcp.testing.McpClients;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpSyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What operators see of MCP traffic: the access log's MCP method and tool, and the MCP meters. */
class McpTelemetryIT {

    @TempDir
    Path dir;

    @Test
    void toolCallsShowInTheAccessLogAndTheMetrics() throws Exception {
        String routes = TlsGateway.route("targets:\n- name: everything\n  " + Everything.stdioYaml());
        String yaml = "config:\n  logging: {format: json, accessLog: access.log}\n" + TlsGateway.yaml(routes);
        try (TlsGateway gateway = TlsGateway.startYaml(dir, yaml, Map.of("STATS_ADDR", "127.0.0.1:0"))) {
            try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext()))) {
                // Tools become metric labels once a target listed them; the SDK's own listing races with the first call.
                client.listTools();
                client.callTool(Mcp.call("echo", Map.of("message", "for the log")));
                client.callTool(Mcp.call("echo", Map.of("message", "again")));
                String metrics = Http.get("http://127.0.0.1:" + gateway.gateway().opsPort("stats") + "/metrics", Map.of()).body();
                assertTrue(metrics.contains("jetway_mcp_tool_calls_total{backend=\"route \\\"route0\\\" of listener \\\"mcp\\\" on port 0\","
                        + "target=\"everything\",tool=\"echo\"} 2.0"), metrics);
                assertTrue(metrics.contains("jetway_mcp_sessions 1.0"), metrics);
                assertTrue(metrics.matches("(?s).*jetway_mcp_stdio_children [1-9].*"), metrics);
            }
        }
        Path log = dir.resolve("access." + LocalDate.now(ZoneOffset.UTC).toString().replace('-', '_') + ".log");
        List<JsonNode> lines = Files.readAllLines(log).stream().map(McpTelemetryIT::json).toList();
        JsonNode call = lines.stream().filter(l -> "echo".equals(l.path("mcp_tool").asText())).findFirst().orElseThrow();
        assertEquals("tools/call", call.get("mcp_method").asText());
        assertEquals("mcp", call.get("listener").asText());
        assertEquals("POST", call.get("method").asText());
        assertTrue(lines.stream().anyMatch(l -> "initialize".equals(l.path("mcp_method").asText())), lines.toString());
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(line, e);
        }
    }
}
