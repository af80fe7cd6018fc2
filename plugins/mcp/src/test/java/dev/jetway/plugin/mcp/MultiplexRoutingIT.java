package dev.jetway.plugin.mcp;

import static dev.jetway.plugin.mcp.testing.CurlSession.ACCEPT;
import static dev.jetway.plugin.mcp.testing.CurlSession.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.testing.Curl;
import dev.jetway.plugin.mcp.testing.CurlSession;
import dev.jetway.plugin.mcp.testing.Mcp;
import dev.jetway.plugin.mcp.testing.McpClients;
import dev.jetway.plugin.mcp.testing.MemoryTargetFactory;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multiplexing rules that server-everything cannot show (pagination, failing targets, clashing ids), with the
 * {@code memory} target kind: an extension from outside the plugin's code, found like one from a plugin jar.
 */
class MultiplexRoutingIT {

    @TempDir
    Path dir;

    private TlsGateway gateway(String targets) throws Exception {
        return TlsGateway.start(dir, targets);
    }

    private static McpSyncClient client(TlsGateway gateway) {
        return McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext()));
    }

    @Test
    void mergedListsPageWithCursorsThatHoldEachTargetsPosition() throws Exception {
        try (TlsGateway gateway = gateway("targets:\n- name: a\n  memory: {tools: 5, pageSize: 2}\n- name: b\n  memory: {tools: 2, pageSize: 2}");
             McpSyncClient client = client(gateway)) {
            List<List<String>> pages = new ArrayList<>();
            String cursor = null;
            do {
                // listTools() would fetch every page itself: ask page by page.
                McpSchema.ListToolsResult page = client.listTools(cursor);
                pages.add(page.tools().stream().map(McpSchema.Tool::name).toList());
                cursor = page.nextCursor();
            } while (cursor != null);
            assertEquals(List.of(List.of("a_tool0", "a_tool1", "b_tool0", "b_tool1"), List.of("a_tool2", "a_tool3"), List.of("a_tool4")), pages);
        }
    }

    @Test
    void failClosedFailsTheSessionWhenATargetFailsAndFailOpenGoesOnWithout() throws Exception {
        String targets = "targets:\n- name: good\n  memory: {}\n- name: bad\n  memory: {failInitialize: true}";
        try (TlsGateway gateway = gateway(targets)) {
            RuntimeException failed = assertThrows(RuntimeException.class, () -> client(gateway));
            assertTrue(String.valueOf(failed.getCause()).contains("MCP target \"bad\" answered with an error: refusing to start"),
                    String.valueOf(failed.getCause()));
        }
        try (TlsGateway gateway = gateway(targets + "\nfailureMode: failOpen"); McpSyncClient client = client(gateway)) {
            assertEquals(List.of("good_tool0", "good_tool1", "good_tool2"), client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
            McpSchema.CallToolResult echo = client.callTool(Mcp.call("good_echo", Map.of("message", "still here")));
            assertEquals("good: still here", ((McpSchema.TextContent) echo.content().get(0)).text());
        }
    }

    @Test
    void requestsOfTwoTargetsWithTheSameIdGetTheirOwnAnswers() throws Exception {
        try (TlsGateway gateway = gateway("targets:\n- name: a\n  memory: {}\n- name: b\n  memory: {}");
             McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext())
                     .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                     .sampling(request -> Mcp.sampled("hello " + ((McpSchema.TextContent) request.messages().get(0).content()).text())))) {
            CompletableFuture<McpSchema.CallToolResult> a = CompletableFuture.supplyAsync(() -> client.callTool(Mcp.call("a_ask", Map.of())));
            CompletableFuture<McpSchema.CallToolResult> b = CompletableFuture.supplyAsync(() -> client.callTool(Mcp.call("b_ask", Map.of())));
            assertEquals("a was told: hello from a", ((McpSchema.TextContent) a.get().content().get(0)).text());
            assertEquals("b was told: hello from b", ((McpSchema.TextContent) b.get().content().get(0)).text());
        }
    }

    @Test
    void aCancellationReachesTheTargetUnderItsOwnId() throws Exception {
        try (TlsGateway gateway = gateway("targets:\n- name: a\n  memory: {}\n- name: b\n  memory: {}")) {
            CurlSession session = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
            CompletableFuture<Curl.Reply> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return session.call(42, "b_slow", "{}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode upstreamId = null;
            for (int i = 0; i < 100 && upstreamId == null; i++) {
                Thread.sleep(50);
                upstreamId = MemoryTargetFactory.RECEIVED.get("b").stream().filter(m -> m.path("params").path("name").asText().equals("slow"))
                        .map(m -> m.get("id")).findFirst().orElse(null);
            }
            assertTrue(upstreamId != null, "the slow call reached b");

            Curl.Reply cancelled = session.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":42,\"reason\":\"bored\"}}");
            assertEquals(202, cancelled.status());
            JsonNode answer = JsonRpc.parse(slow.get().body().getBytes());
            assertEquals(JsonRpc.REQUEST_CANCELLED, answer.path("error").path("code").asInt(), answer.toString());

            ObjectNode received = MemoryTargetFactory.RECEIVED.get("b").stream()
                    .filter(m -> JsonRpc.method(m).equals("notifications/cancelled")).findFirst().orElseThrow();
            assertEquals(upstreamId, received.path("params").get("requestId"));
            assertEquals("bored", received.path("params").path("reason").asText());
            assertTrue(MemoryTargetFactory.RECEIVED.get("a").stream().noneMatch(m -> JsonRpc.method(m).equals("notifications/cancelled")));
            session.delete();
        }
    }

    @Test
    void withPrefixModeAlwaysEvenOneTargetIsPrefixed() throws Exception {
        try (TlsGateway gateway = gateway("targets:\n- name: solo\n  memory: {tools: 1}\nprefixMode: always");
             McpSyncClient client = client(gateway)) {
            assertEquals("jetway", client.getServerInfo().name());
            assertEquals(List.of("solo_tool0"), client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
        }
        try (TlsGateway gateway = gateway("targets:\n- name: solo\n  memory: {tools: 1}"); McpSyncClient client = client(gateway)) {
            assertEquals("memory solo", client.getServerInfo().name());
            assertEquals(List.of("tool0"), client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
        }
    }

    @Test
    void batchesAreAnsweredWithABatch() throws Exception {
        try (TlsGateway gateway = gateway("targets:\n- name: a\n  memory: {}\n- name: b\n  memory: {}")) {
            CurlSession session = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
            Curl.Reply reply = session.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a_echo\",\"arguments\":{\"message\":\"x\"}}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");
            JsonNode answers = JsonRpc.parse(reply.body().getBytes());
            assertTrue(answers.isArray() && answers.size() == 2, reply.body());
            assertNull(Curl.run(gateway.caFile(), "-H", ACCEPT, "-H", JSON, "-d", "[]", gateway.url()).header("Mcp-Session-Id"));
            session.delete();
        }
    }
}
