package dev.jetway.plugin.mcp;

import static dev.jetway.plugin.mcp.testing.CurlSession.ACCEPT;
import static dev.jetway.plugin.mcp.testing.CurlSession.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.testing.Children;
import dev.jetway.plugin.mcp.testing.Curl;
import dev.jetway.plugin.mcp.testing.CurlSession;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.Mcp;
import dev.jetway.plugin.mcp.testing.McpClients;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targets that exit, hang or come wrapped in npx: clients get JSON-RPC errors naming the target, others go on. */
class TargetFailuresIT {

    @TempDir
    static Path dir;
    static TlsGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        // Exits at once the first time it runs, and serves from then on ($$ is a literal $ in the config).
        String flaky = """
                targets:
                - name: flaky
                  stdio:
                    cmd: sh
                    args: ["-c", "if [ -e \\"$$MARK\\" ]; then exec node \\"$$ENTRY\\" stdio; else touch \\"$$MARK\\"; echo going away >&2; exit 3; fi"]
                    env: {MARK: "%s", ENTRY: "%s"}
                """.formatted(dir.resolve("ran-once"), Everything.entryPoint());
        String hang = """
                targets:
                - name: hang
                  stdio: {cmd: sh, args: ["-c", "cat > /dev/null"]}
                requestTimeout: 3s
                """;
        String npx = """
                targets:
                - name: wrapped
                  stdio: {cmd: npx, args: ["--offline", "--prefix", "%s", "mcp-server-everything", "stdio"]}
                """.formatted(Everything.serversDir());
        gateway = TlsGateway.startRoutes(dir, TlsGateway.route("/flaky", flaky) + TlsGateway.route("/hang", hang)
                + TlsGateway.route("/npx", npx) + TlsGateway.route("targets:\n- name: everything\n  " + Everything.stdioYaml()), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aChildThatExitsEarlyGivesAnErrorNamingItAndTheNextSessionStartsAFreshOne() throws Exception {
        String url = gateway.url() + "/flaky";
        Curl.Reply first = Curl.run(gateway.caFile(), "-H", ACCEPT, "-H", JSON, "-d", CurlSession.INITIALIZE, url);
        assertEquals(200, first.status());
        JsonNode error = JsonRpc.parse(first.body().getBytes()).path("error");
        assertEquals("MCP target \"flaky\" exited with code 3 (stderr: going away)", error.path("message").asText(), first.body());
        assertEquals("flaky", error.path("data").path("target").asText());
        assertEquals(null, first.header("Mcp-Session-Id"));

        CurlSession second = CurlSession.open(gateway.caFile(), url);
        assertTrue(second.call(2, "echo", "{\"message\":\"back\"}").body().contains("Echo: back"));

        // The child dies in the middle of the session: the next call says so.
        Set<ProcessHandle> children = Children.stdioServers();
        children.forEach(ProcessHandle::destroyForcibly);
        Children.awaitGone(children, Duration.ofSeconds(5));
        JsonNode gone = JsonRpc.parse(second.call(3, "echo", "{\"message\":\"x\"}").body().getBytes());
        assertTrue(gone.path("error").path("message").asText().startsWith("MCP target \"flaky\" exited with code"), gone.toString());
        second.delete();
    }

    @Test
    void aHangingTargetTimesOutWithAnErrorWhileOtherSessionsGoOn() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Curl.Reply> hung = CompletableFuture.supplyAsync(() -> {
            try {
                return Curl.run(gateway.caFile(), "-H", ACCEPT, "-H", JSON, "-d", CurlSession.INITIALIZE, gateway.url() + "/hang");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        CurlSession other = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
        assertTrue(other.call(2, "echo", "{\"message\":\"unaffected\"}").body().contains("Echo: unaffected"));
        assertFalse(hung.isDone(), "the other session finished while the hanging one was still waiting");
        other.delete();

        Curl.Reply reply = hung.get();
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(took >= 3000 && took < 10_000, "took " + took + " ms");
        JsonNode error = JsonRpc.parse(reply.body().getBytes()).path("error");
        assertEquals(-32001, error.path("code").asInt());
        assertEquals("MCP target \"hang\" did not answer initialize within 3s", error.path("message").asText());
    }

    @Test
    void npxFromThePathRunsTheServerAndDeleteEndsItsWholeProcessTree() throws Exception {
        Set<ProcessHandle> before = Children.stdioServers();
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/npx", TlsGateway.clientContext()))) {
            McpSchema.CallToolResult echo = client.callTool(Mcp.call("echo", Map.of("message", "npx")));
            assertEquals("Echo: npx", ((McpSchema.TextContent) echo.content().get(0)).text());
            Set<ProcessHandle> tree = new HashSet<>(Children.stdioServers());
            tree.removeAll(before);
            List<String> commands = tree.stream().map(p -> p.info().commandLine().orElse("?")).toList();
            assertTrue(tree.size() >= 2, "npx and the node server it starts: " + commands);
            client.closeGracefully();
            assertTrue(Children.awaitGone(tree, Duration.ofSeconds(6)), "left running: " + commands);
        }
    }
}
