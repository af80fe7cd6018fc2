package dev.jetway.plugin.mcp.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.plugin.mcp.McpBackendConfig;
import dev.jetway.plugin.mcp.McpBackendFactory;
import dev.jetway.plugin.mcp.McpTargetConfig;
import dev.jetway.plugin.mcp.testing.Children;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.core.testing.TestGateway;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MCP handler on a bare Jetty server with an in-memory connector: its lifecycle owns sessions and children. */
class McpHandlerTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;
    private Server server;
    private LocalConnector connector;

    @BeforeEach
    void start() throws Exception {
        McpTargetConfig target = new ObjectMapper().readValue("{\"name\":\"everything\",\"stdio\":{\"cmd\":\"node\",\"args\":[\""
                + Everything.entryPoint() + "\",\"stdio\"]}}", McpTargetConfig.class);
        McpBackendConfig config = new McpBackendConfig(List.of(target), null, null, null, null, null, null, null, null, null, null, null);
        Handler handler = new McpBackendFactory().create(config, TestGateway.context(dir));
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpTester.Response post(String sessionId, String json) throws Exception {
        HttpTester.Request request = HttpTester.newRequest();
        request.setMethod("POST");
        request.setURI("/mcp");
        request.put("Host", "localhost");
        request.put("Accept", "application/json, text/event-stream");
        request.put("Content-Type", "application/json");
        if (sessionId != null) {
            request.put("Mcp-Session-Id", sessionId);
        }
        request.setContent(json);
        return HttpTester.parseResponse(connector.getResponse(request.generate(), Duration.ofSeconds(30).toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void stoppingTheHandlerEndsEverySessionsChild() throws Exception {
        Set<ProcessHandle> before = Children.stdioServers();
        for (int i = 0; i < 2; i++) {
            HttpTester.Response initialized = post(null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                    "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
            assertEquals(200, initialized.getStatus(), initialized.getContent());
            String id = initialized.get("Mcp-Session-Id");
            assertTrue(id != null && id.startsWith("e."), String.valueOf(id));
            HttpTester.Response echo = post(id, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"in memory\"}}}");
            assertTrue(echo.getContent().contains("Echo: in memory"), echo.getContent());
        }
        Set<ProcessHandle> mine = new HashSet<>(Children.stdioServers());
        mine.removeAll(before);
        assertEquals(2, mine.size());

        server.stop();
        assertTrue(Children.awaitGone(mine, Duration.ofMillis(100)), "left running after stop: " + Children.pids(mine));
    }
}
