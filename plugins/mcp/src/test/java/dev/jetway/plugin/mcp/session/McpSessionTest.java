package dev.jetway.plugin.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.FactoryContext;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetContext;
import dev.jetway.plugin.mcp.testing.MemoryTargetFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session without HTTP: ids rewritten both ways, request timeouts, and what ending a session does to calls in flight. */
class McpSessionTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Deadlines deadlines = new Deadlines();

    @BeforeEach
    void tick() {
        scheduler.scheduleWithFixedDelay(deadlines::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private SessionRegistry registry(String target, Duration timeout) throws dev.jetway.api.ConfigException {
        FactoryContext context = TestGateway.context(dir);
        McpTarget memory = new MemoryTargetFactory().create(new MemoryTargetFactory.Config(1, null, false),
                new TargetContext(target, context, scheduler, timeout));
        return new SessionRegistry(new SessionSettings("test", List.of(memory), null, false, timeout, deadlines, new ToolCatalog(), 100),
                context.sessionKey(), "test", JsonRpc.object().put("name", "jetway"),
                new SessionLimits(Duration.ofMinutes(30), Duration.ofHours(1), 100));
    }

    /** An exchange that completes a future with the response. */
    private static final class Answer implements ClientExchange {
        final CompletableFuture<ObjectNode> response = new CompletableFuture<>();

        @Override
        public boolean message(ObjectNode message) {
            return false;
        }

        @Override
        public void respond(ObjectNode answer) {
            response.complete(answer);
        }
    }

    private static ObjectNode call(String id, String tool) throws Exception {
        return (ObjectNode) JsonRpc.parse(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":{\"message\":\"m\"}}}").getBytes());
    }

    @Test
    void theClientsIdComesBackWhateverIdWentUpstream() throws Exception {
        McpSession session = registry("mem", Duration.ofSeconds(5)).open();
        for (String id : List.of("\"text-id\"", "7", "7")) {
            Answer answer = new Answer();
            session.request(call(id, "echo"), answer, McpAccess.ALL);
            ObjectNode response = answer.response.get(5, TimeUnit.SECONDS);
            assertEquals(JsonRpc.parse(id.getBytes()), response.get("id"));
            assertEquals("mem: m", response.path("result").path("content").path(0).path("text").asText());
        }
        List<Long> upstreamIds = MemoryTargetFactory.RECEIVED.get("mem").stream().map(m -> m.path("id").asLong()).toList();
        assertEquals(List.of(1L, 2L, 3L), upstreamIds, "the gateway's own ids, unique in the session");
    }

    @Test
    void aTargetThatDoesNotAnswerInTimeIsToldToStopAndTheClientGetsAnError() throws Exception {
        McpSession session = registry("sleepy", Duration.ofMillis(200)).open();
        Answer answer = new Answer();
        session.request(call("1", "slow"), answer, McpAccess.ALL);
        ObjectNode response = answer.response.get(5, TimeUnit.SECONDS);
        assertEquals(JsonRpc.REQUEST_TIMEOUT, response.path("error").path("code").asInt());
        assertEquals("MCP target \"sleepy\" did not answer tools/call within 200ms", response.path("error").path("message").asText());
        Thread.sleep(100);
        List<ObjectNode> received = MemoryTargetFactory.RECEIVED.get("sleepy");
        ObjectNode cancelled = received.get(received.size() - 1);
        assertEquals("notifications/cancelled", JsonRpc.method(cancelled));
        assertEquals(received.get(0).get("id"), cancelled.path("params").get("requestId"));
    }

    @Test
    void endingASessionFailsItsCallsInFlight() throws Exception {
        SessionRegistry registry = registry("ending", Duration.ofSeconds(30));
        McpSession session = registry.open();
        Answer answer = new Answer();
        session.request(call("1", "slow"), answer, McpAccess.ALL);
        registry.close(session).get(5, TimeUnit.SECONDS);
        ObjectNode response = answer.response.get(1, TimeUnit.SECONDS);
        assertTrue(response.path("error").path("message").asText().startsWith("MCP target \"ending\" is no longer available"), response.toString());
        assertEquals(0, registry.size());
    }
}
