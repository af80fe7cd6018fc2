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

class RouterTest {

    private final Router router = new Router(new Naming(List.of("alpha", "beta.v2")), JsonRpc.object().put("name", "jetway"));

    private static ObjectNode request(String json) throws Exception {
        return (ObjectNode) JsonRpc.parse(json.getBytes());
    }

    @Test
    void callsRouteByTheTargetInTheNameWhichIsStrippedSplittingAtTheFirstUnderscore() throws Exception {
        Plan plan = router.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"beta.v2_get_sum\"}}"));
        Plan.Forward forward = assertInstanceOf(Plan.Forward.class, plan);
        assertEquals("beta.v2", forward.target());
        assertEquals("get_sum", forward.request().path("params").path("name").asText());

        Plan.Forward prompt = assertInstanceOf(Plan.Forward.class,
                router.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"alpha_p\"}}")));
        assertEquals("alpha", prompt.target());
    }

    @Test
    void namesOfNoTargetAreRefusedWithTheRule() throws Exception {
        for (String name : List.of("gamma_x", "echo", "_x", "alpha")) {
            Plan.Reject reject = assertInstanceOf(Plan.Reject.class,
                    router.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "\"}}")));
            assertEquals(JsonRpc.INVALID_PARAMS, reject.code());
            assertTrue(reject.message().startsWith("Unknown tool: " + name), reject.message());
        }
    }

    @Test
    void resourcesRouteByUriAndTheirContentsComeBackQualified() throws Exception {
        Plan.Forward read = assertInstanceOf(Plan.Forward.class, router.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"alpha+file:///a+b.txt\"}}")));
        assertEquals("alpha", read.target());
        assertEquals("file:///a+b.txt", read.request().path("params").path("uri").asText());
        ObjectNode result = (ObjectNode) JsonRpc.parse("{\"contents\":[{\"uri\":\"file:///a+b.txt\",\"text\":\"x\"}]}".getBytes());
        assertEquals("alpha+file:///a+b.txt", read.result().apply(result).path("contents").path(0).path("uri").asText());

        Plan.Forward complete = assertInstanceOf(Plan.Forward.class, router.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"beta.v2_p\"}}}")));
        assertEquals("p", complete.request().path("params").path("ref").path("name").asText());
    }

    @Test
    void resourceLinksInToolResultsAreQualified() throws Exception {
        Plan.Forward call = assertInstanceOf(Plan.Forward.class,
                router.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"alpha_t\"}}")));
        ObjectNode result = (ObjectNode) JsonRpc.parse(("{\"content\":[{\"type\":\"resource_link\",\"uri\":\"demo://1\"},"
                + "{\"type\":\"resource\",\"resource\":{\"uri\":\"demo://2\"}},{\"type\":\"text\",\"text\":\"t\"}]}").getBytes());
        ObjectNode qualified = call.result().apply(result);
        assertEquals("alpha+demo://1", qualified.path("content").path(0).path("uri").asText());
        assertEquals("alpha+demo://2", qualified.path("content").path(1).path("resource").path("uri").asText());
    }

    @Test
    void listsFanOutAndTheirCursorsResumeOnlyTheTargetsWithMorePages() throws Exception {
        Plan.FanOut first = assertInstanceOf(Plan.FanOut.class, router.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));
        assertEquals(List.of("alpha", "beta.v2"), List.copyOf(first.requests().keySet()));
        assertTrue(first.missingMethodIsEmpty());

        Map<String, ObjectNode> results = new LinkedHashMap<>();
        results.put("alpha", (ObjectNode) JsonRpc.parse("{\"tools\":[{\"name\":\"a\"}],\"nextCursor\":\"page2\"}".getBytes()));
        results.put("beta.v2", (ObjectNode) JsonRpc.parse("{\"tools\":[{\"name\":\"b\"}]}".getBytes()));
        ObjectNode merged = first.merger().merge(results);
        assertEquals("[{\"name\":\"alpha_a\"},{\"name\":\"beta.v2_b\"}]", merged.get("tools").toString());
        String cursor = merged.path("nextCursor").asText();

        Plan.FanOut next = assertInstanceOf(Plan.FanOut.class, router.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"" + cursor + "\"}}")));
        assertEquals(List.of("alpha"), List.copyOf(next.requests().keySet()));
        assertEquals("page2", next.requests().get("alpha").path("params").path("cursor").asText());
        ObjectNode last = next.merger().merge(Map.of("alpha", (ObjectNode) JsonRpc.parse("{\"tools\":[{\"name\":\"c\"}]}".getBytes())));
        assertFalse(last.has("nextCursor"));

        Plan.Reject bad = assertInstanceOf(Plan.Reject.class, router.plan(request(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\",\"params\":{\"cursor\":\"not-ours\"}}")));
        assertEquals(JsonRpc.INVALID_PARAMS, bad.code());
    }

    @Test
    void pingIsAnsweredHereAndMethodsWithoutATargetAreRefused() throws Exception {
        assertInstanceOf(Plan.Answer.class, router.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
        Plan.Reject reject = assertInstanceOf(Plan.Reject.class, router.plan(request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{}}")));
        assertEquals(JsonRpc.METHOD_NOT_FOUND, reject.code());
    }
}
