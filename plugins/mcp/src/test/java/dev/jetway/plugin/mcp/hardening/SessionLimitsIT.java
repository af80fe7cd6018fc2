package dev.jetway.plugin.mcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.plugin.mcp.testing.Children;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one client can make a session cost, and how long a session lives, against the real server-everything. */
class SessionLimitsIT {

    @TempDir
    static Path dir;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        String node = "cmd: node, args: [\"" + Everything.entryPoint() + "\", stdio]";
        String slow = "cmd: sh, args: [-c, \"sleep 3; exec node " + Everything.entryPoint() + " stdio\"]";
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - matches: [{path: {pathPrefix: /slow}}]
                      backends: [{mcp: {targets: [{name: slow, stdio: {%2$s}}], sessionIdleTimeout: 1s}}]
                    - matches: [{path: {pathPrefix: /old}}]
                      backends: [{mcp: {targets: [{name: e, stdio: {%1$s}}], sessionMaxAge: 2s}}]
                    - matches: [{path: {pathPrefix: /few}}]
                      backends: [{mcp: {targets: [{name: e, stdio: {%1$s}}], maxSessions: 1}}]
                    - matches: [{path: {pathPrefix: /narrow}}]
                      backends: [{mcp: {targets: [{name: e, stdio: {%1$s}}], maxRequestsInFlight: 2, maxBatchSize: 5}}]
                """.formatted(node, slow), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    private static String ping(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}";
    }

    /** A slow start is activity: idleness counts from when the answer went back, and the child ends with the session. */
    @Test
    void idlenessCountsFromTheEndOfTheLastActivity() throws Exception {
        Set<ProcessHandle> before = Children.stdioServers();
        PlainMcpSession session = PlainMcpSession.open(url("/slow/mcp"));
        Set<ProcessHandle> mine = new HashSet<>(Children.stdioServers());
        mine.removeAll(before);
        assertTrue(!mine.isEmpty(), "the session's child");
        Thread.sleep(700);
        assertEquals(200, session.post(ping(2)).statusCode(), "reaped although it just answered");
        Thread.sleep(700);
        assertEquals(200, session.post(ping(3)).statusCode());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (session.post(ping(4)).statusCode() != 404 && System.nanoTime() < deadline) {
            Thread.sleep(2500);
        }
        assertEquals(404, session.post(ping(5)).statusCode(), "an idle session ends");
        assertTrue(Children.awaitGone(mine, Duration.ofSeconds(10)), "its child ends with it: " + Children.pids(mine));
    }

    @Test
    void anIdExpiresAtItsMaximumAgeHoweverActive() throws Exception {
        PlainMcpSession session = PlainMcpSession.open(url("/old/mcp"));
        assertEquals(200, session.post(ping(2)).statusCode());
        Thread.sleep(700);
        assertEquals(200, session.post(ping(3)).statusCode(), "within its two seconds");
        // Ids carry their issue time in whole seconds: expiry comes within a second after the maximum age.
        Thread.sleep(2600);
        assertEquals(404, session.post(ping(4)).statusCode());
    }

    @Test
    void aBackendOpensNoMoreSessionsThanAllowed() throws Exception {
        PlainMcpSession first = PlainMcpSession.open(url("/few/mcp"));
        HttpResponse<String> refused = PlainMcpSession.post(url("/few/mcp"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"second\",\"version\":\"1\"}}}");
        assertEquals(503, refused.statusCode());
        assertTrue(refused.body().contains("Too many MCP sessions: this backend allows 1 at once (maxSessions)"), refused.body());
        assertEquals(202, first.delete().statusCode());
        PlainMcpSession.open(url("/few/mcp")).delete();
    }

    @Test
    void batchesAndRequestsInFlightAreBounded() throws Exception {
        PlainMcpSession session = PlainMcpSession.open(url("/narrow/mcp"));
        StringBuilder six = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            six.append(i == 0 ? "" : ",").append(ping(10 + i));
        }
        HttpResponse<String> tooLarge = session.post(six.append(']').toString());
        assertEquals(400, tooLarge.statusCode());
        JsonNode error = PlainMcpSession.response(tooLarge);
        assertEquals(-32600, error.path("error").path("code").asInt());
        assertEquals("Invalid Request: a batch may hold at most 5 messages, this one holds 6", error.path("error").path("message").asText());

        // Progress turns the answer into an event stream after the refusal was made: the refusal must still be in it.
        String slow = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"trigger-long-running-operation\","
                + "\"arguments\":{\"duration\":2,\"steps\":2},\"_meta\":{\"progressToken\":%<d}}}";
        HttpResponse<String> batch = session.post("[" + slow.formatted(20) + "," + slow.formatted(21) + "," + slow.formatted(22) + "]");
        assertEquals(200, batch.statusCode(), batch.body());
        String body = batch.body();
        assertTrue(body.contains("Too many requests in flight in this session: at most 2 may wait for answers at once"), body);
        assertTrue(body.startsWith("event:"), body);
        assertTrue(body.contains("\"id\":20") && body.contains("\"id\":21"), body);
        assertTrue(!body.contains("HttpDestination"), body);
    }

    @Test
    void aBodyIsOneJsonValueNotTheFirstOfSeveral() throws Exception {
        PlainMcpSession session = PlainMcpSession.open(url("/narrow/mcp"));
        for (String body : List.of(ping(2) + " " + ping(3), ping(2) + "garbage", ping(2) + "}")) {
            HttpResponse<String> reply = session.post(body);
            assertEquals(400, reply.statusCode(), body);
            assertEquals(-32700, PlainMcpSession.response(reply).path("error").path("code").asInt(), reply.body());
        }
    }

    /** MCP lets clients send icons as data URIs: none of that may end up in the session id, sent with every request. */
    @Test
    void theSessionIdStaysSmallWhateverTheClientSendsInInitialize() throws Exception {
        String icon = "data:image/png;base64," + "A".repeat(12_000);
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"big\",\"version\":\"1\",\"icons\":[{\"src\":\"" + icon + "\"}]}}}";
        PlainMcpSession session = PlainMcpSession.open(url("/narrow/mcp"), Map.of(), initialize);
        assertTrue(session.id().startsWith("e.") && session.id().length() < 512, session.id().length() + " characters");
        assertEquals(200, session.post(ping(2)).statusCode());
        session.delete();
    }
}
