package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.OtlpReceiver;
import dev.jetway.core.testing.OtlpReceiver.Received;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP traffic in traces and the access log: the span of a {@code tools/call} to the real server-everything carries
 * the MCP method and tool, and a client's JSON-RPC method or tool name with CR/LF stays on its log line.
 */
class McpTracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aToolCallSpanNamesTheMcpMethodAndToolAndClientNamesCannotBreakLogLines() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             TestGateway gateway = TestGateway.start(receiver.frontendTracingYaml() + """
                     config:
                       logging: {format: json, accessLog: access.log}
                     binds:
                     - port: 0
                       listeners:
                       - name: mcp
                         routes:
                         - name: tools
                           backends:
                           - mcp:
                               targets:
                               - name: everything
                                 %s
                     """.formatted(Everything.stdioYaml()), dir)) {
            PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + gateway.port() + "/mcp");
            session.post("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}"); // tools a target listed are named
            JsonNode echoed = PlainMcpSession.response(session.call(7, "echo", "{\"message\":\"traced\"}"));
            assertTrue(echoed.toString().contains("traced"), echoed.toString());
            session.post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\\r\\n{\\\"forged\\\":1}\"}");
            session.call(9, "echo\\r\\nforged", "{}");

            Received call = receiver.await(span -> "echo".equals(span.attribute("mcp.tool.name")),
                    java.time.Duration.ofSeconds(10));
            assertEquals("tools/call", call.attribute("mcp.method.name"));
            assertEquals("POST /", call.span().getName());
            assertEquals("mcp", call.attribute("listener"));
            assertEquals("tools", call.attribute("route"));
            assertEquals("200", call.attribute("http.response.status_code"));
            Received forged = receiver.await(span -> String.valueOf(span.attribute("mcp.method.name")).startsWith("tools/list\r"),
                    java.time.Duration.ofSeconds(10));
            assertEquals("tools/list\r\n{\"forged\":1}", forged.attribute("mcp.method.name"));
        }
        List<String> lines = Files.readAllLines(dir.resolve("access." + LocalDate.now(ZoneOffset.UTC).toString()
                .replace('-', '_') + ".log"));
        List<JsonNode> entries = lines.stream().map(McpTracingIT::json).toList();
        assertFalse(entries.stream().anyMatch(entry -> entry.has("forged")), lines.toString());
        JsonNode forged = entries.stream().filter(e -> e.path("mcp.method.name").asText().startsWith("tools/list\r"))
                .findFirst().orElseThrow();
        assertEquals("tools/list\r\n{\"forged\":1}", forged.get("mcp_method").asText());
        String line = lines.get(entries.indexOf(forged));
        assertTrue(line.contains("\"mcp.method.name\":\"tools/list\\r\\n{\\\"forged\\\":1}\""), line);
        JsonNode unlisted = entries.stream().filter(e -> "unknown".equals(e.path("mcp.tool.name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("a tool no target listed is logged as unknown: " + lines));
        assertEquals("tools/call", unlisted.get("mcp.method.name").asText());
        assertTrue(entries.stream().anyMatch(e -> e.path("trace.id").asText().length() == 32), lines.toString());
    }

    /**
     * A remote target's calls carry the trace context of the client request they serve: the target here is another
     * MCP route of the same gateway, whose own span must be a child of the span of the client's call.
     */
    @Test
    void aRemoteTargetsCallsContinueTheClientsTrace() throws Exception {
        int port = Everything.freePort();
        try (OtlpReceiver receiver = OtlpReceiver.start();
             TestGateway gateway = TestGateway.start(receiver.frontendTracingYaml() + """
                     binds:
                     - port: %d
                       listeners:
                       - name: mcp
                         routes:
                         - name: inner
                           matches: [{path: {pathPrefix: /inner}}]
                           backends:
                           - mcp:
                               targets:
                               - name: everything
                                 %s
                         - name: outer
                           backends:
                           - mcp:
                               targets:
                               - name: remote
                                 mcp: {host: "http://127.0.0.1:%d/inner/mcp"}
                     """.formatted(port, Everything.stdioYaml(), port), dir)) {
            PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + port + "/mcp");
            JsonNode echoed = PlainMcpSession.response(session.call(7, "echo", "{\"message\":\"traced twice\"}"));
            assertTrue(echoed.toString().contains("traced twice"), echoed.toString());

            Received outer = receiver.await(span -> "outer".equals(span.attribute("route"))
                    && "tools/call".equals(span.attribute("mcp.method.name")), java.time.Duration.ofSeconds(10));
            Received inner = receiver.await(span -> "inner".equals(span.attribute("route"))
                    && "tools/call".equals(span.attribute("mcp.method.name")), java.time.Duration.ofSeconds(10));
            assertEquals(outer.span().getTraceId(), inner.span().getTraceId());
            assertEquals(outer.span().getSpanId(), inner.span().getParentSpanId());
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException("not one JSON object per line: " + line, e);
        }
    }
}
