package dev.jetway.plugin.mcp.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.junit.jupiter.api.Test;

class MultiplexerTest {

    private final Multiplexer multiplexer = new Multiplexer(new Naming(List.of("alpha", "beta.v2")), JsonRpc.object().put("name", "jetway"));

    private static ObjectNode request(String json) throws Exception {
        return (ObjectNode) JsonRpc.parse(json.getBytes());
    }

    @Test
    void callsRouteByTheTargetInTheNameWhichIsStrippedSplittingAtTheFirstUnderscore() throws Exception {
        Plan plan = multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"beta.v2_get_sum\"}}"));
        Plan.Forward forward = assertInstanceOf(Plan.Forward.class, plan);
        assertEquals("beta.v2", forward.target());
        assertEquals("get_sum", forward.request().path("params").path("name").asText());

        Plan.Forward prompt = assertInstanceOf(Plan.Forward.class,
                multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"alpha_p\"}}")));
        assertEquals("alpha", prompt.target());
    }

    @Test
    void namesOfNoTargetAreRefusedWithTheRule() throws Exception {
        for (String name : List.of("gamma_x", "echo", "_x", "alpha")) {
            Plan.Reject reject = assertInstanceOf(Plan.Reject.class,
                    multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "\"}}")));
            assertEquals(JsonRpc.INVALID_PARAMS, reject.code());
            assertTrue(reject.message().startsWith("Unknown tool: " + name), reject.message());
        }
    }

    @Test
    void resourcesRouteByUriAndTheirContentsComeBackQualified() throws Exception {
        Plan.Forward read = assertInstanceOf(Plan.Forward.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"alpha+file:///a+b.txt\"}}")));
        assertEquals("alpha", read.target());
        assertEquals("file:///a+b.txt", read.request().path("params").path("uri").asText());
        ObjectNode result = (ObjectNode) JsonRpc.parse("{\"contents\":[{\"uri\":\"file:///a+b.txt\",\"text\":\"x\"}]}".getBytes());
        assertEquals("alpha+file:///a+b.txt", read.result().apply(result).path("contents").path(0).path("uri").asText());

        Plan.Forward complete = assertInstanceOf(Plan.Forward.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"beta.v2_p\"}}}")));
        assertEquals("p", complete.request().path("params").path("ref").path("name").asText());
    }

    @Test
    void resourceLinksInToolResultsAreQualified() throws Exception {
        Plan.Forward call = assertInstanceOf(Plan.Forward.class,
                multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"alpha_t\"}}")));
        ObjectNode result = (ObjectNode) JsonRpc.parse(("{\"content\":[{\"type\":\"resource_link\",\"uri\":\"demo://1\"},"
                + "{\"type\":\"resource\",\"resource\":{\"uri\":\"demo://2\"}},{\"type\":\"text\",\"text\":\"t\"}]}").getBytes());
        ObjectNode qualified = call.result().apply(result);
        assertEquals("alpha+demo://1", qualified.path("content").path(0).path("uri").asText());
        assertEquals("alpha+demo://2", qualified.path("content").path(1).path("resource").path("uri").asText());
    }

    @Test
    void listsFanOutAndTheirCursorsResumeOnlyTheTargetsWithMorePages() throws Exception {
        Plan.FanOut first = assertInstanceOf(Plan.FanOut.class, multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));
        assertEquals(List.of("alpha", "beta.v2"), List.copyOf(first.requests().keySet()));
        assertTrue(first.missingMethodIsEmpty());

        Map<String, ObjectNode> results = new LinkedHashMap<>();
        results.put("alpha", (ObjectNode) JsonRpc.parse("{\"tools\":[{\"name\":\"a\"}],\"nextCursor\":\"page2\"}".getBytes()));
        results.put("beta.v2", (ObjectNode) JsonRpc.parse("{\"tools\":[{\"name\":\"b\"}]}".getBytes()));
        ObjectNode merged = first.merger().merge(results);
        assertEquals("[{\"name\":\"alpha_a\"},{\"name\":\"beta.v2_b\"}]", merged.get("tools").toString());
        String cursor = merged.path("nextCursor").asText();

        Plan.FanOut next = assertInstanceOf(Plan.FanOut.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"" + cursor + "\"}}")));
        assertEquals(List.of("alpha"), List.copyOf(next.requests().keySet()));
        assertEquals("page2", next.requests().get("alpha").path("params").path("cursor").asText());
        ObjectNode last = next.merger().merge(Map.of("alpha", (ObjectNode) JsonRpc.parse("{\"tools\":[{\"name\":\"c\"}]}".getBytes())));
        assertFalse(last.has("nextCursor"));

        Plan.Reject bad = assertInstanceOf(Plan.Reject.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\",\"params\":{\"cursor\":\"not-ours\"}}")));
        assertEquals(JsonRpc.INVALID_PARAMS, bad.code());
    }

    @Test
    void pingIsAnsweredHereAndMethodsWithoutATargetAreRefused() throws Exception {
        assertInstanceOf(Plan.Answer.class, multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
        Plan.Reject reject = assertInstanceOf(Plan.Reject.class, multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"elicitation/complete\"}")));
        assertEquals(JsonRpc.METHOD_NOT_FOUND, reject.code());
    }

    @Test
    void taskIdsComeBackQualifiedAndTasksRequestsRouteByThem() throws Exception {
        Plan.Forward call = assertInstanceOf(Plan.Forward.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"beta.v2_t\",\"task\":{\"ttl\":1000}}}")));
        ObjectNode created = call.result().apply(json("{\"task\":{\"taskId\":\"t+1\",\"status\":\"working\"}}"));
        assertEquals("beta.v2+t+1", created.path("task").path("taskId").asText());

        for (String method : List.of("tasks/get", "tasks/result", "tasks/cancel")) {
            Plan.Forward forward = assertInstanceOf(Plan.Forward.class, multiplexer.plan(request(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{\"taskId\":\"beta.v2+t+1\"}}")));
            assertEquals("beta.v2", forward.target());
            assertEquals("t+1", forward.request().path("params").path("taskId").asText());
        }
        Plan.Forward get = assertInstanceOf(Plan.Forward.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"alpha+9\"}}")));
        assertEquals("alpha+9", get.result().apply(json("{\"taskId\":\"9\",\"status\":\"completed\"}")).path("taskId").asText());
        Plan.Forward result = assertInstanceOf(Plan.Forward.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/result\",\"params\":{\"taskId\":\"alpha+9\"}}")));
        ObjectNode payload = result.result().apply(json("{\"content\":[{\"type\":\"resource_link\",\"uri\":\"demo://1\"}],"
                + "\"_meta\":{\"io.modelcontextprotocol/related-task\":{\"taskId\":\"9\"}}}"));
        assertEquals("alpha+9", payload.path("_meta").path("io.modelcontextprotocol/related-task").path("taskId").asText());
        assertEquals("alpha+demo://1", payload.path("content").path(0).path("uri").asText());

        for (String taskId : List.of("gamma+1", "alpha", "")) {
            Plan.Reject reject = assertInstanceOf(Plan.Reject.class, multiplexer.plan(request(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"" + taskId + "\"}}")));
            assertEquals(JsonRpc.INVALID_PARAMS, reject.code());
            assertTrue(reject.message().startsWith("Unknown task: "), reject.message());
        }
    }

    @Test
    void tasksListFansOutAndMergesQualifiedIds() throws Exception {
        Plan.FanOut list = assertInstanceOf(Plan.FanOut.class, multiplexer.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/list\"}")));
        assertTrue(list.missingMethodIsEmpty());
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        results.put("alpha", json("{\"tasks\":[{\"taskId\":\"1\",\"status\":\"working\"}],\"nextCursor\":\"p2\"}"));
        results.put("beta.v2", json("{\"tasks\":[{\"taskId\":\"1\",\"status\":\"completed\"}]}"));
        ObjectNode merged = list.merger().merge(results);
        assertEquals("[{\"taskId\":\"alpha+1\",\"status\":\"working\"},{\"taskId\":\"beta.v2+1\",\"status\":\"completed\"}]",
                merged.get("tasks").toString());
        Plan.FanOut next = assertInstanceOf(Plan.FanOut.class, multiplexer.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/list\",\"params\":{\"cursor\":\"" + merged.path("nextCursor").asText() + "\"}}")));
        assertEquals(List.of("alpha"), List.copyOf(next.requests().keySet()));
    }

    @Test
    void whatTargetsSendTheClientNamesTheirTasksAndResourcesQualified() throws Exception {
        ObjectNode status = json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{\"taskId\":\"7\",\"status\":\"working\"}}");
        multiplexer.fromTarget("alpha", status);
        assertEquals("alpha+7", status.path("params").path("taskId").asText());

        ObjectNode elicit = json("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"elicitation/create\",\"params\":{\"message\":\"m\","
                + "\"_meta\":{\"io.modelcontextprotocol/related-task\":{\"taskId\":\"7\"}}}}");
        multiplexer.fromTarget("alpha", elicit);
        assertEquals("alpha+7", elicit.path("params").path("_meta").path("io.modelcontextprotocol/related-task").path("taskId").asText());

        ObjectNode updated = json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"demo://1\"}}");
        multiplexer.fromTarget("beta.v2", updated);
        assertEquals("beta.v2+demo://1", updated.path("params").path("uri").asText());

        // A target polling a task the client runs names the client's own task.
        ObjectNode poll = json("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"client-1\"}}");
        multiplexer.fromTarget("alpha", poll);
        assertEquals("client-1", poll.path("params").path("taskId").asText());
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JsonRpc.parse(text.getBytes());
    }
}
