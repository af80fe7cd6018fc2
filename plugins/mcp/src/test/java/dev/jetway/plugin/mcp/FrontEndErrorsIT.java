package dev.jetway.plugin.mcp;

import static dev.jetway.plugin.mcp.testing.CurlSession.ACCEPT;
import static dev.jetway.plugin.mcp.testing.CurlSession.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

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

/** Each refusal of the MCP front end, with its status and text, as curl sees it. */
class FrontEndErrorsIT {

    static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    @TempDir
    static Path dir;
    static TlsGateway gateway;
    static Path ca;
    static String mcp;

    @BeforeAll
    static void start() throws Exception {
        String everything = "targets:\n- name: everything\n  " + Everything.stdioYaml();
        gateway = TlsGateway.startRoutes(dir, TlsGateway.route("/small", everything + "\nmaxRequestBodySize: 1024")
                + TlsGateway.route("/stateless", everything + "\nstatefulMode: stateless")
                + TlsGateway.route("/chatty", everything + "\nkeepAliveInterval: 200ms")
                + TlsGateway.route("/brief", everything + "\nsessionIdleTimeout: 1s")
                + TlsGateway.route(everything), Map.of());
        ca = gateway.caFile();
        mcp = gateway.url() + "/mcp";
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void getWithoutEventStreamInAcceptIs406() throws Exception {
        Curl.Reply reply = Curl.run(ca, "-H", "Accept: application/json", mcp);
        assertEquals(406, reply.status());
        assertEquals("text/plain;charset=utf-8", reply.header("Content-Type").replace(" ", "").toLowerCase());
        assertEquals("Not Acceptable: Client must accept text/event-stream", reply.body());
    }

    @Test
    void postWithoutBothTypesInAcceptIs406() throws Exception {
        Curl.Reply reply = Curl.run(ca, "-H", "Accept: application/json", "-H", JSON, "-d", TOOLS_LIST, mcp);
        assertEquals(406, reply.status());
        assertEquals("Not Acceptable: Client must accept both application/json and text/event-stream", reply.body());
    }

    @Test
    void postOfAnotherMediaTypeIs415() throws Exception {
        Curl.Reply reply = Curl.run(ca, "-H", ACCEPT, "-H", "Content-Type: text/plain", "-d", TOOLS_LIST, mcp);
        assertEquals(415, reply.status());
        assertEquals("Unsupported Media Type: Content-Type must be application/json", reply.body());
    }

    @Test
    void badJsonIs400WithAParseError() throws Exception {
        Curl.Reply reply = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-d", "{\"jsonrpc\":", mcp);
        assertEquals(400, reply.status());
        JsonNode error = JsonRpc.parse(reply.body().getBytes());
        assertEquals(-32700, error.path("error").path("code").asInt(), reply.body());
        assertTrue(error.path("error").path("message").asText().startsWith("Parse error"), reply.body());
        assertTrue(error.get("id").isNull());
    }

    @Test
    void jsonThatIsNotJsonRpcIs400WithAnInvalidRequestError() throws Exception {
        for (String body : new String[] {"{\"jsonrpc\":\"2.0\",\"id\":5}", "[]", "42", "{\"id\":5,\"method\":\"ping\"}"}) {
            Curl.Reply reply = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-d", body, mcp);
            assertEquals(400, reply.status(), body);
            assertEquals(-32600, JsonRpc.parse(reply.body().getBytes()).path("error").path("code").asInt(), body + " -> " + reply.body());
        }
    }

    @Test
    void requestsWithoutASessionAre400AndWithAnUnknownOne404() throws Exception {
        Curl.Reply missing = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-d", TOOLS_LIST, mcp);
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("Bad Request: Mcp-Session-Id header is required"), missing.body());

        String unknown = "Mcp-Session-Id: p.bm9uZQ";
        Curl.Reply post = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-H", unknown, "-d", TOOLS_LIST, mcp);
        assertEquals(404, post.status());
        assertEquals(-32001, JsonRpc.parse(post.body().getBytes()).path("error").path("code").asInt());
        assertTrue(post.body().contains("Session not found"), post.body());
        assertEquals(404, Curl.run(ca, "-H", "Accept: text/event-stream", "-H", unknown, mcp).status());
        assertEquals(404, Curl.run(ca, "-X", "DELETE", "-H", unknown, mcp).status());
    }

    @Test
    void anUnsupportedProtocolVersionIs400() throws Exception {
        CurlSession session = CurlSession.open(ca, mcp);
        Curl.Reply reply = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-H", "Mcp-Session-Id: " + session.id(),
                "-H", "MCP-Protocol-Version: 1999-01-01", "-d", TOOLS_LIST, mcp);
        assertEquals(400, reply.status());
        assertTrue(reply.body().contains("Unsupported protocol version: 1999-01-01"), reply.body());
        session.delete();
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(2000) + "\"}}";
        Curl.Reply reply = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-d", big, gateway.url() + "/small");
        assertEquals(413, reply.status());
        assertTrue(reply.body().contains("Request body too large: the limit is 1024 bytes"), reply.body());
        // The same body, chunked (no Content-Length): stopped as it arrives.
        Curl.Reply chunked = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-H", "Transfer-Encoding: chunked", "--http1.1",
                "-d", big, gateway.url() + "/small");
        assertEquals(413, chunked.status());
    }

    @Test
    void otherMethodsAre405() throws Exception {
        Curl.Reply reply = Curl.run(ca, "-X", "PUT", mcp);
        assertEquals(405, reply.status());
        assertEquals("GET, POST, DELETE", reply.header("Allow"));
    }

    @Test
    void statelessModeServesPostsAloneAndRefusesGetAndDelete() throws Exception {
        String stateless = gateway.url() + "/stateless";
        Curl.Reply get = Curl.run(ca, "-H", "Accept: text/event-stream", stateless);
        assertEquals(405, get.status());
        assertTrue(get.body().startsWith("Method Not Allowed"), get.body());
        assertEquals(405, Curl.run(ca, "-X", "DELETE", stateless).status());

        Curl.Reply init = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-d", CurlSession.INITIALIZE, stateless);
        assertEquals(200, init.status());
        assertEquals(null, init.header("Mcp-Session-Id"));
        Curl.Reply call = Curl.run(ca, "-H", ACCEPT, "-H", JSON, "-d",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"alone\"}}}",
                stateless);
        assertEquals(200, call.status());
        assertTrue(call.body().contains("Echo: alone"), call.body());

        try (McpSyncClient client = McpClients.connected(McpClients.streamable(gateway.url(), "/stateless", TlsGateway.clientContext()))) {
            McpSchema.CallToolResult sum = client.callTool(Mcp.call("get-sum", Map.of("a", 20, "b", 22)));
            assertEquals("The sum of 20 and 22 is 42.", ((McpSchema.TextContent) sum.content().get(0)).text());
        }
    }

    @Test
    void oneStreamPerSessionAndIdleStreamsGetKeepAliveComments() throws Exception {
        String chatty = gateway.url() + "/chatty";
        CurlSession session = CurlSession.open(ca, chatty);
        Curl.Reply[] conflict = new Curl.Reply[1];
        Thread second = new Thread(() -> {
            try {
                Thread.sleep(300);
                conflict[0] = Curl.run(ca, "-H", "Accept: text/event-stream", "-H", "Mcp-Session-Id: " + session.id(), chatty);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        second.start();
        Curl.Reply stream = Curl.stream(ca, 2, "-H", "Accept: text/event-stream", "-H", "Mcp-Session-Id: " + session.id(), chatty);
        second.join();
        assertEquals(200, stream.status());
        assertEquals("text/event-stream", stream.header("Content-Type"));
        assertEquals("no-cache", stream.header("Cache-Control"));
        assertEquals("no", stream.header("X-Accel-Buffering"));
        long comments = stream.body().lines().filter(line -> line.equals(": keep-alive")).count();
        assertTrue(comments >= 4, "keep-alive comments in 2s at 200ms: " + comments + "\n" + stream.body());
        assertEquals(409, conflict[0].status());
        assertEquals("Conflict: Only one SSE stream is allowed per session", conflict[0].body());
        session.delete();
    }

    @Test
    void idleSessionsExpireAndTheirChildrenEnd() throws Exception {
        Set<ProcessHandle> before = Children.stdioServers();
        CurlSession session = CurlSession.open(ca, gateway.url() + "/brief");
        Set<ProcessHandle> mine = new HashSet<>(Children.stdioServers());
        mine.removeAll(before);
        assertEquals(1, mine.size());
        assertTrue(Children.awaitGone(mine, Duration.ofSeconds(8)), "the idle session's child still runs");
        assertEquals(404, session.call(2, "echo", "{\"message\":\"late\"}").status());
    }

    @Test
    void legacySseRefusals() throws Exception {
        String sse = gateway.url() + "/sse";
        assertEquals(406, Curl.run(ca, sse).status());
        Curl.Reply noId = Curl.run(ca, "-H", JSON, "-d", TOOLS_LIST, sse);
        assertEquals(400, noId.status());
        assertTrue(noId.body().contains("sessionId query parameter is required"), noId.body());
        assertEquals(404, Curl.run(ca, "-H", JSON, "-d", TOOLS_LIST, sse + "?sessionId=nope").status());

        Curl.Reply opened = Curl.stream(ca, 1, "-H", "Accept: text/event-stream", sse);
        assertEquals(200, opened.status());
        assertTrue(opened.body().startsWith("event: endpoint\ndata: /sse?sessionId="), opened.body());
    }
}
