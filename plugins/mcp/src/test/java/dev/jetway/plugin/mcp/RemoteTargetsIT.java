package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.jetway.plugin.mcp.testing.Curl;
import dev.jetway.plugin.mcp.testing.CurlSession;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.Mcp;
import dev.jetway.plugin.mcp.testing.McpClients;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streamable HTTP and legacy SSE upstreams (server-everything in its HTTP modes), in each config form, reached by
 * the Java SDK over both front-end transports.
 */
class RemoteTargetsIT {

    @TempDir
    static Path dir;
    static Everything streamable;
    static Everything sse;

    @BeforeAll
    static void upstreams() throws Exception {
        streamable = Everything.shared("streamableHttp");
        sse = Everything.shared("sse");
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("mcp URL", "mcp: {host: \"" + streamable.url("/mcp") + "\"}"),
                Arguments.of("http host/port/path", "http: {host: 127.0.0.1, port: " + streamable.port() + ", path: /mcp}"),
                Arguments.of("sse URL", "sse: {host: \"" + sse.url("/sse") + "\"}"),
                Arguments.of("sse host/port", "sse: {host: 127.0.0.1, port: " + sse.port() + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void toolsWorkThroughBothFrontEndTransports(String form, String target) throws Exception {
        try (TlsGateway gateway = TlsGateway.start(dir, "targets:\n- name: remote\n  " + target)) {
            exercise(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext()));
            exercise(McpClients.sse(gateway.url(), TlsGateway.clientContext()));
        }
    }

    @Test
    void aStreamableUpstreamThatForgotTheSessionEndsTheClientsSessionWhichStartsANewOne() throws Exception {
        Everything first = Everything.start("streamableHttp");
        Everything restarted = null;
        try (TlsGateway gateway = TlsGateway.start(dir, "targets:\n- name: remote\n  mcp: {host: \"" + first.url("/mcp") + "\"}")) {
            CurlSession session = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
            assertTrue(session.call(2, "echo", "{\"message\":\"before\"}").body().contains("Echo: before"));
            first.close();
            restarted = Everything.start("streamableHttp", first.port());
            Curl.Reply lost = session.call(3, "echo", "{\"message\":\"after\"}");
            // server-everything answers an unknown session id with 400 (the specification says 404): either ends it.
            assertTrue(lost.body().matches("(?s).*no longer knows the session \\(HTTP 40[04]\\): start a new session.*"), lost.body());
            assertEquals(404, session.call(4, "echo", "{\"message\":\"after\"}").status());
            CurlSession fresh = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
            Curl.Reply after = fresh.call(5, "echo", "{\"message\":\"after\"}");
            assertTrue(after.body().contains("Echo: after"), after.body());
            fresh.delete();
        } finally {
            first.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static void exercise(McpClient.SyncSpec spec) {
        try (McpSyncClient client = McpClients.connected(spec)) {
            assertEquals("mcp-servers/everything", client.getServerInfo().name());
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(tools.containsAll(List.of("echo", "get-sum")), tools.toString());
            McpSchema.CallToolResult echo = client.callTool(Mcp.call("echo", Map.of("message", "remote")));
            assertEquals("Echo: remote", ((McpSchema.TextContent) echo.content().get(0)).text());
            McpSchema.CallToolResult sum = client.callTool(Mcp.call("get-sum", Map.of("a", 40, "b", 2)));
            assertEquals("The sum of 40 and 2 is 42.", ((McpSchema.TextContent) sum.content().get(0)).text());
        }
    }
}
