package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.testing.Curl;
import dev.jetway.plugin.mcp.testing.CurlSession;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MCP tasks (2025-11-25) through a gateway that multiplexes two server-everything targets, a stdio child and a
 * streamable HTTP server: the {@code tasks} capability is offered along with the tools that need it, and task ids
 * come back qualified with their target so that {@code tasks/*} find the target that runs the task.
 */
class MultiplexTasksIT {

    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},\
            "clientInfo":{"name":"curl","version":"1"}}}""";
    static final String RESEARCH = "simulate-research-query";
    static final String RELATED_TASK = "io.modelcontextprotocol/related-task";

    @TempDir
    static Path dir;
    static TlsGateway gateway;
    CurlSession session;

    @BeforeAll
    static void start() throws Exception {
        gateway = TlsGateway.start(dir, """
                targets:
                - name: local
                  %s
                - name: remote
                  mcp: {host: "%s"}
                """.formatted(Everything.stdioYaml(), Everything.shared("streamableHttp").url("/mcp")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void open() throws Exception {
        session = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp", INITIALIZE);
    }

    @AfterEach
    void close() throws Exception {
        session.delete();
    }

    @Test
    void theTasksCapabilityIsOfferedWithTheToolsThatRequireIt() throws Exception {
        JsonNode init = CurlSession.response(session.initialized());
        assertEquals("{\"list\":{},\"cancel\":{},\"requests\":{\"tools\":{\"call\":{}}}}",
                init.path("result").path("capabilities").path("tasks").toString(), init.toString());
        JsonNode tools = CurlSession.response(session.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"));
        for (String target : List.of("local", "remote")) {
            JsonNode research = find(tools.path("result").path("tools"), "name", target + "_" + RESEARCH);
            assertEquals("required", research.path("execution").path("taskSupport").asText(), research.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void aTaskRunsToItsResultAtTheTargetThatMadeIt(String target) throws Exception {
        Curl.Reply created = session.post(call(3, target, "{\"topic\":\"gateways\"}"));
        JsonNode task = CurlSession.response(created).path("result").path("task");
        String taskId = task.path("taskId").asText();
        assertTrue(taskId.startsWith(target + "+") && taskId.length() > target.length() + 1, created.body());
        assertEquals("working", task.path("status").asText(), created.body());
        // The status notification the target sent while creating the task names it as the client knows it.
        List<String> statuses = CurlSession.messages(created).stream()
                .filter(message -> JsonRpc.method(message).equals("notifications/tasks/status"))
                .map(message -> message.path("params").path("taskId").asText()).toList();
        assertTrue(statuses.stream().allMatch(taskId::equals), created.body());
        if (statuses.isEmpty()) {
            // A streamable HTTP target sends it unrelated to the call, on its GET stream: when it reaches the gateway
            // after the call's answer, the gateway keeps it for the client's standalone stream.
            assertEquals(taskId, firstStatusOnTheStandaloneStream().path("params").path("taskId").asText());
        }

        JsonNode listed = CurlSession.response(session.post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tasks/list\"}"));
        assertEquals(taskId, find(listed.path("result").path("tasks"), "taskId", taskId).path("taskId").asText());

        JsonNode got = CurlSession.response(session.post(tasks(5, "tasks/get", taskId)));
        assertEquals(taskId, got.path("result").path("taskId").asText(), got.toString());

        // tasks/result waits for the end of the task (four stages of a second at server-everything).
        JsonNode result = CurlSession.response(session.post(tasks(6, "tasks/result", taskId))).path("result");
        assertTrue(result.path("content").path(0).path("text").asText().startsWith("# Research Report: gateways"), result.toString());
        assertEquals(taskId, result.path("_meta").path(RELATED_TASK).path("taskId").asText(), result.toString());

        JsonNode done = CurlSession.response(session.post(tasks(7, "tasks/get", taskId)));
        assertEquals("completed", done.path("result").path("status").asText(), done.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void aTaskThatNeedsInputAsksTheClientOnTheTasksResultStream(String target) throws Exception {
        CurlSession asking = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp",
                INITIALIZE.replace("\"capabilities\":{}", "\"capabilities\":{\"elicitation\":{\"form\":{}}}"));
        try {
            String taskId = CurlSession.response(asking.post(call(3, target, "{\"topic\":\"python\",\"ambiguous\":true}")))
                    .path("result").path("task").path("taskId").asText();
            HttpClient http = HttpClient.newBuilder().sslContext(TlsGateway.clientContext()).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/mcp")).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                    .header("Mcp-Session-Id", asking.id()).header("MCP-Protocol-Version", "2025-11-25")
                    .POST(HttpRequest.BodyPublishers.ofString(tasks(4, "tasks/result", taskId))).build();
            Iterator<JsonNode> stream = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .filter(line -> line.startsWith("data:")).map(MultiplexTasksIT::json)
                    // Status notifications come on the stream as the task moves on.
                    .filter(message -> !JsonRpc.method(message).equals("notifications/tasks/status")).iterator();

            // Stage three asks which "python" is meant: the question comes on the stream, about the qualified task.
            JsonNode question = stream.next();
            assertEquals("elicitation/create", JsonRpc.method(question), question.toString());
            assertEquals(taskId, question.path("params").path("_meta").path(RELATED_TASK).path("taskId").asText(), question.toString());
            assertEquals(202, asking.post("{\"jsonrpc\":\"2.0\",\"id\":" + question.get("id") + ",\"result\":{\"action\":\"accept\","
                    + "\"content\":{\"interpretation\":\"snake\"}}}").status());

            JsonNode answer = stream.next();
            assertEquals(4, answer.path("id").asInt(), answer.toString());
            assertTrue(answer.path("result").path("content").path(0).path("text").asText()
                    .startsWith("# Research Report: python (snake)"), answer.toString());
        } finally {
            asking.delete();
        }
    }

    @Test
    void aTaskIsCancelledAtItsTarget() throws Exception {
        String taskId = CurlSession.response(session.post(call(3, "remote", "{\"topic\":\"slow things\"}")))
                .path("result").path("task").path("taskId").asText();
        JsonNode cancelled = CurlSession.response(session.post(tasks(4, "tasks/cancel", taskId)));
        assertEquals(taskId, cancelled.path("result").path("taskId").asText(), cancelled.toString());
        assertEquals("cancelled", cancelled.path("result").path("status").asText(), cancelled.toString());
        JsonNode got = CurlSession.response(session.post(tasks(5, "tasks/get", taskId)));
        assertEquals("cancelled", got.path("result").path("status").asText(), got.toString());
    }

    @Test
    void taskIdsOfNoTargetOrUnknownToTheTargetAreErrors() throws Exception {
        JsonNode nowhere = CurlSession.response(session.post(tasks(3, "tasks/get", "nowhere+123")));
        assertEquals(JsonRpc.INVALID_PARAMS, nowhere.path("error").path("code").asInt(), nowhere.toString());
        assertTrue(nowhere.path("error").path("message").asText().startsWith("Unknown task: nowhere+123"), nowhere.toString());

        JsonNode unknown = CurlSession.response(session.post(tasks(4, "tasks/get", "local+123")));
        assertEquals(JsonRpc.INVALID_PARAMS, unknown.path("error").path("code").asInt(), unknown.toString());
        assertTrue(unknown.path("error").path("message").asText().contains("Task not found"), unknown.toString());
    }

    private JsonNode firstStatusOnTheStandaloneStream() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TlsGateway.clientContext()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/mcp")).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session.id())
                .header("MCP-Protocol-Version", "2025-11-25").GET().build();
        HttpResponse<Stream<String>> stream = http.send(request, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = stream.body()) {
            return CompletableFuture.supplyAsync(() -> lines.filter(line -> line.startsWith("data:"))
                            .map(MultiplexTasksIT::json)
                            .filter(message -> JsonRpc.method(message).equals("notifications/tasks/status"))
                            .findFirst().orElseThrow())
                    .get(20, TimeUnit.SECONDS);
        }
    }

    /** A task-augmented call of the research tool. */
    private static String call(int id, String target, String arguments) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s_%s","arguments":%s,\
                "task":{"ttl":60000}}}""".formatted(id, target, RESEARCH, arguments);
    }

    private static String tasks(int id, String method, String taskId) {
        return "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"%s\",\"params\":{\"taskId\":\"%s\"}}".formatted(id, method, taskId);
    }

    private static JsonNode json(String line) {
        try {
            return JsonRpc.parse(line.substring("data:".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode find(JsonNode items, String key, String value) {
        for (JsonNode item : items) {
            if (item.path(key).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + key + " " + value + " in " + items);
    }
}
