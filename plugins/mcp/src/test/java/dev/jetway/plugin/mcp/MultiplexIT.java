package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.Mcp;
import dev.jetway.plugin.mcp.testing.McpClients;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three targets of the three kinds at once: names qualified by target, lists merged, calls routed by prefix. */
class MultiplexIT {

    static final List<String> TARGETS = List.of("local", "remote", "legacy");

    @TempDir
    static Path dir;
    static Everything streamable;
    static Everything sse;
    static TlsGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        streamable = Everything.shared("streamableHttp");
        sse = Everything.shared("sse");
        gateway = TlsGateway.start(dir, """
                targets:
                - name: local
                  %s
                - name: remote
                  mcp: {host: "%s"}
                - name: legacy
                  sse: {host: "%s"}
                """.formatted(Everything.stdioYaml(), streamable.url("/mcp"), sse.url("/sse")));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static McpSyncClient client() {
        return McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext()));
    }

    @Test
    void initializeIsAnsweredByTheGatewayWithEveryTargetsInstructions() {
        try (McpSyncClient client = client()) {
            McpSchema.InitializeResult init = client.getCurrentInitializationResult();
            assertEquals("jetway", init.serverInfo().name());
            // Every target accepted the client's version (the lowest-version rule is covered by InitializeMergerTest).
            assertEquals("2025-11-25", init.protocolVersion());
            for (String target : TARGETS) {
                assertTrue(init.instructions().contains(target + ": # Everything Server"), init.instructions());
            }
            assertTrue(init.capabilities().tools() != null && init.capabilities().prompts() != null
                    && init.capabilities().resources() != null);
        }
    }

    @Test
    void toolsOfEveryTargetAreListedUnderTheirTargetsName() {
        try (McpSyncClient client = client()) {
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            System.out.println("Multiplexed tools: " + tools);
            for (String target : TARGETS) {
                assertTrue(tools.contains(target + "_echo") && tools.contains(target + "_get-sum"), tools.toString());
            }
            assertTrue(tools.stream().allMatch(name -> TARGETS.stream().anyMatch(t -> name.startsWith(t + "_"))), tools.toString());
        }
    }

    @Test
    void callsRouteByPrefix() {
        try (McpSyncClient client = client()) {
            for (String target : TARGETS) {
                McpSchema.CallToolResult echo = client.callTool(Mcp.call(target + "_echo", Map.of("message", target)));
                assertEquals("Echo: " + target, ((McpSchema.TextContent) echo.content().get(0)).text());
                McpSchema.CallToolResult sum = client.callTool(Mcp.call(target + "_get-sum", Map.of("a", 1, "b", 2)));
                assertEquals("The sum of 1 and 2 is 3.", ((McpSchema.TextContent) sum.content().get(0)).text());
            }
            McpError unknown = assertThrows(McpError.class, () -> client.callTool(Mcp.call("nowhere_echo", Map.of())));
            assertTrue(unknown.getMessage().contains("Unknown tool: nowhere_echo"), unknown.getMessage());
        }
    }

    @Test
    void notificationsReachTheClientWithTheirUrisQualified() throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        List<String> updated = new CopyOnWriteArrayList<>();
        String uri = "demo://resource/static/document/instructions.md";
        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/mcp", TlsGateway.clientContext())
                .loggingConsumer(log -> logs.add(String.valueOf(log.data())))
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri()))))) {
            client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
            client.subscribeResource(Mcp.subscribe("local+" + uri));
            client.callTool(Mcp.call("local_toggle-subscriber-updates", Map.of()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((updated.isEmpty() || logs.stream().noneMatch(l -> l.contains(uri))) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // The target saw its own URI (it says so in a log message); the client saw the qualified one.
            assertTrue(logs.stream().anyMatch(l -> l.startsWith("Received Subscribe Resource request for URI: " + uri)), logs.toString());
            assertTrue(updated.contains("local+" + uri), updated.toString());
            client.callTool(Mcp.call("local_toggle-subscriber-updates", Map.of()));
        }
    }

    @Test
    void promptsAndResourcesAreReadThroughThePrefix() {
        try (McpSyncClient client = client()) {
            List<String> prompts = client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
            assertTrue(prompts.containsAll(List.of("local_simple-prompt", "remote_simple-prompt", "legacy_simple-prompt")), prompts.toString());
            McpSchema.GetPromptResult prompt = client.getPrompt(Mcp.prompt("legacy_simple-prompt"));
            assertEquals("This is a simple prompt without arguments.", ((McpSchema.TextContent) prompt.messages().get(0).content()).text());

            List<String> uris = client.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
            String instructions = "demo://resource/static/document/instructions.md";
            for (String target : TARGETS) {
                assertTrue(uris.contains(target + "+" + instructions), uris.toString());
            }
            McpSchema.ReadResourceResult read = client.readResource(Mcp.read("remote+" + instructions));
            McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) read.contents().get(0);
            assertEquals("remote+" + instructions, contents.uri());
            assertTrue(contents.text().startsWith("# Everything Server"), contents.text());

            List<String> templates = client.listResourceTemplates().resourceTemplates().stream().map(McpSchema.ResourceTemplate::uriTemplate).toList();
            assertTrue(templates.contains("local+demo://resource/dynamic/text/{resourceId}"), templates.toString());
            McpSchema.ReadResourceResult dynamic = client.readResource(Mcp.read("local+demo://resource/dynamic/text/7"));
            assertTrue(((McpSchema.TextResourceContents) dynamic.contents().get(0)).text().startsWith("Resource 7:"));
        }
    }
}
