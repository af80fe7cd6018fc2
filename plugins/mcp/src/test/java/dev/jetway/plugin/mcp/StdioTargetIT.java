package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

/** One stdio target behind an HTTPS listener, through the Java MCP SDK and curl: one child process per session. */
class StdioTargetIT {

    @TempDir
    static Path dir;
    static TlsGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TlsGateway.start(dir, "targets:\n- name: everything\n  " + Everything.stdioYaml());
    }

    /** That stopping ends the children of sessions left open is GatewayStopIT's. */
    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void javaSdkListsAndCallsToolsOverStreamableHttp() {
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext()))) {
            assertEquals("mcp-servers/everything", client.getServerInfo().name());
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            System.out.println("Tools through " + gateway.url() + "/mcp: " + tools);
            assertTrue(tools.containsAll(List.of("echo", "get-sum", "trigger-long-running-operation")), tools.toString());
            assertEquals("Echo: hello", text(client.callTool(Mcp.call("echo", Map.of("message", "hello")))));
            assertEquals("The sum of 2 and 3 is 5.", text(client.callTool(Mcp.call("get-sum", Map.of("a", 2, "b", 3)))));
        }
    }

    @Test
    void theRootPathServesMcpToo() {
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/", TlsGateway.clientContext()))) {
            assertEquals("Echo: root", text(client.callTool(Mcp.call("echo", Map.of("message", "root")))));
        }
    }

    @Test
    void curlWithoutAnMcpRequestIsToldWhatToAccept() throws Exception {
        // The reference doc's check, word for word: curl https://localhost:3000 -k
        Curl.Reply reply = Curl.run(null, gateway.url(), "-k");
        assertEquals(406, reply.status());
        assertEquals("Not Acceptable: Client must accept text/event-stream", reply.body());
    }

    @Test
    void progressNotificationsArriveBeforeTheResult() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext())
                .progressConsumer(progress -> seen.add(progress.progress())))) {
            McpSchema.CallToolResult result = client.callTool(Mcp.call("trigger-long-running-operation", Map.of("duration", 1, "steps", 4), "p-1"));
            seen.add(text(result));
        }
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, "Long running operation completed. Duration: 1 seconds, Steps: 4."), seen);

        // On the wire: the answer became an event stream, with each progress event before the result.
        CurlSession session = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
        Curl.Reply reply = session.post("""
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"trigger-long-running-operation",\
                "arguments":{"duration":1,"steps":2},"_meta":{"progressToken":"wire"}}}""");
        assertEquals("text/event-stream", reply.header("Content-Type"));
        assertEquals("no-cache", reply.header("Cache-Control"));
        assertEquals("no", reply.header("X-Accel-Buffering"));
        // Messages the child sends unasked (list_changed after initialized) may ride on this stream too: without a
        // standalone stream open, the gateway delivers them on the latest request's.
        List<String> events = reply.body().lines().filter(line -> line.startsWith("data: "))
                .filter(line -> line.contains("notifications/progress") || line.contains("\"id\":7")).toList();
        assertEquals(3, events.size(), reply.body());
        assertTrue(events.get(0).contains("\"progress\":1") && events.get(1).contains("\"progress\":2"), reply.body());
        assertTrue(events.get(2).contains("\"id\":7") && events.get(2).contains("Long running operation completed"), reply.body());
        session.delete();
    }

    @Test
    void deleteEndsTheSessionsChildProcess() throws Exception {
        Set<ProcessHandle> before = Children.stdioServers();
        CurlSession session = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
        Set<ProcessHandle> mine = new HashSet<>(Children.stdioServers());
        mine.removeAll(before);
        assertEquals(1, mine.size(), "one child for the session: " + Children.pids(mine));
        assertTrue(session.call(2, "echo", "{\"message\":\"x\"}").body().contains("Echo: x"));

        Curl.Reply deleted = session.delete();
        assertEquals(202, deleted.status());
        assertTrue(Children.awaitGone(mine, Duration.ofSeconds(5)), "child still running: " + Children.pids(mine));
        Curl.Reply after = session.call(3, "echo", "{\"message\":\"x\"}");
        assertEquals(404, after.status());
    }

    @Test
    void fiftyConcurrentSessionsEachHaveTheirOwnChild() throws Exception {
        Set<ProcessHandle> before = Children.stdioServers();
        int sessions = 50;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<McpSyncClient> clients = new CopyOnWriteArrayList<>();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String message = "session-" + i;
                answers.add(pool.submit(() -> {
                    McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext()));
                    clients.add(client);
                    StringBuilder replies = new StringBuilder();
                    for (int call = 0; call < 3; call++) {
                        replies.append(text(client.callTool(Mcp.call("echo", Map.of("message", message + "/" + call))))).append(';');
                    }
                    return replies.toString();
                }));
            }
            for (int i = 0; i < sessions; i++) {
                assertEquals("Echo: session-%1$d/0;Echo: session-%1$d/1;Echo: session-%1$d/2;".formatted(i), answers.get(i).get());
            }
            Set<ProcessHandle> mine = new HashSet<>(Children.stdioServers());
            mine.removeAll(before);
            assertEquals(sessions, mine.size(), "one child per session");
            clients.forEach(McpSyncClient::close);
            assertTrue(Children.awaitGone(mine, Duration.ofSeconds(10)), "children left: " + Children.pids(mine));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void samplingAndElicitationRequestsOfTheServerReachTheClientAndItsAnswersGoBack() {
        List<String> prompts = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext())
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
                .elicitation(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null))
                .sampling(request -> {
                    prompts.add(((McpSchema.TextContent) request.messages().get(0).content()).text());
                    return Mcp.sampled("sampled by the test");
                }))) {
            String result = text(client.callTool(Mcp.call("trigger-sampling-request", Map.of("prompt", "hi"))));
            assertTrue(result.contains("sampled by the test"), result);
            assertEquals(List.of("Resource trigger-sampling-request context: hi"), prompts);
            String elicited = text(client.callTool(Mcp.call("trigger-elicitation-request", Map.of())));
            assertTrue(elicited.contains("User declined to provide the requested information."), elicited);
        }
    }

    @Test
    void rootsListChangedAndLoggingFlowBetweenClientAndServer() throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        List<Integer> toolLists = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext())
                .roots(new McpSchema.Root("file:///work/project", "project"))
                .loggingConsumer(log -> logs.add(String.valueOf(log.data())))
                .toolsChangeConsumer(tools -> toolsLists(toolLists, tools)))) {
            // The server asks for the roots on its own (a request of the server on the session's stream), then logs.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (logs.stream().noneMatch(l -> l.startsWith("Roots updated: 1 root(s)")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(logs.stream().anyMatch(l -> l.startsWith("Roots updated: 1 root(s)")), logs.toString());
            String roots = text(client.callTool(Mcp.call("get-roots-list", Map.of())));
            assertTrue(roots.contains("file:///work/project"), roots);
            // Tools the server adds once initialized are announced with tools/list_changed.
            assertFalse(toolLists.isEmpty(), "no tools/list_changed");
            client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
            client.callTool(Mcp.call("toggle-simulated-logging", Map.of()));
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (logs.stream().noneMatch(l -> l.contains("-level message")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(logs.stream().anyMatch(l -> l.contains("-level message")), logs.toString());
        }
    }

    private static void toolsLists(List<Integer> lists, List<McpSchema.Tool> tools) {
        lists.add(tools.size());
    }

    static String text(McpSchema.CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
