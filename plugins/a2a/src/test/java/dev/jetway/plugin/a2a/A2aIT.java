package dev.jetway.plugin.a2a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a2a} in front of a real agent that serves its card and answers JSON-RPC calls. */
class A2aIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = """
            {"name": "Echo Agent", "description": "repeats what it is told",
             "url": "http://localhost:9999/", "version": "1.0.0",
             "capabilities": {"streaming": true}, "defaultInputModes": ["text"], "defaultOutputModes": ["text"],
             "skills": [{"id": "echo", "name": "Echo", "tags": ["echo"]}]}
            """;

    @TempDir
    static Path dir;
    static Upstream agent;
    static TestGateway gateway;

    /** The agent: its card at the well-known paths (also under /agents/echo), JSON-RPC answers, and a broken card. */
    private static final class Agent extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            response.getHeaders().put("content-type", "application/json");
            if (path.endsWith("/.well-known/agent.json") || path.endsWith("/.well-known/agent-card.json")) {
                if (path.startsWith("/chunked")) {
                    // A card sent in parts, without Content-Length.
                    Content.Sink.write(response, false, CARD.substring(0, 40), Callback.NOOP);
                    Content.Sink.write(response, true, CARD.substring(40), callback);
                } else {
                    byte[] body = (path.startsWith("/broken") ? "not json" : CARD).getBytes(StandardCharsets.UTF_8);
                    response.getHeaders().put("content-length", body.length);
                    response.write(true, java.nio.ByteBuffer.wrap(body), callback);
                }
            } else {
                String call = Content.Source.asString(request, StandardCharsets.UTF_8);
                Content.Sink.write(response, true, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"echo\":" + call + "}}", callback);
            }
            return true;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        agent = Upstream.start(new Agent());
        gateway = TestGateway.start("""
                config:
                  logging:
                    format: json
                    accessLog: logs/access.log
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: echo-agent
                      matches: [{path: {pathPrefix: /agents/echo}}]
                      policies:
                        urlRewrite: {path: {prefix: /}}
                        a2a: {}
                      backends: [{host: "%1$s"}]
                    - policies:
                        cors:
                          allowOrigins:
                          - '*'
                          allowHeaders:
                          - content-type
                          - cache-control
                        # Mark this route as a2a traffic
                        a2a: {}
                      backends:
                      - host: "%1$s"
                """.formatted(agent.address()), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        agent.close();
    }

    private static String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    private static JsonNode card(String path) throws Exception {
        HttpResponse<String> response = Http.get(gatewayUrl() + path, Map.of());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length),
                response.headers().firstValue("content-length").orElse("chunked"));
        return JSON.readTree(response.body());
    }

    @Test
    void theAgentCardPointsAtTheGatewayAsTheClientReachedIt() throws Exception {
        JsonNode card = card("/.well-known/agent.json");
        assertEquals(gatewayUrl(), card.get("url").asText());
        JsonNode original = JSON.readTree(CARD);
        ((com.fasterxml.jackson.databind.node.ObjectNode) original).put("url", gatewayUrl());
        assertEquals(original, card, "everything else unchanged");
        assertEquals(gatewayUrl(), card("/.well-known/agent-card.json").get("url").asText());
        assertEquals(gatewayUrl() + "/chunked", card("/chunked/.well-known/agent-card.json").get("url").asText());
    }

    @Test
    void behindAPrefixRewriteTheCardKeepsThePathTheClientUsed() throws Exception {
        assertEquals(gatewayUrl() + "/agents/echo", card("/agents/echo/.well-known/agent-card.json").get("url").asText());
    }

    @Test
    void whatIsNotACardPassesUnchanged() throws Exception {
        HttpResponse<String> broken = Http.get(gatewayUrl() + "/broken/.well-known/agent.json", Map.of());
        assertEquals(200, broken.statusCode());
        assertEquals("not json", broken.body());
    }

    @Test
    void jsonRpcMethodsReachTheAccessLog() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"params\":{\"message\":{\"role\":\"user\",\"parts\":[{\"kind\":\"text\","
                + "\"text\":\"hi\"}]}},\"method\":\"message/send\"}";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"echo\":" + call + "}}", response.body(), "forwarded whole");
        client.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/tasks"))
                .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        Path log = dir.resolve("logs/access." + LocalDate.now(ZoneOffset.UTC).toString().replace('-', '_') + ".log");
        List<JsonNode> lines = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(log) ? Files.readAllLines(log).stream().map(A2aIT::parse).toList() : List.of();
            if (lines.stream().filter(l -> l.get("method").asText().equals("POST")).count() >= 2) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(lines.stream().anyMatch(l -> l.path("path").asText().equals("/") && l.path("a2a_method").asText().equals("message/send")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.path("path").asText().equals("/tasks") && l.path("a2a_method").asText().equals("unknown")),
                lines.toString());
    }

    @Test
    void curlFetchesTheCardWithCorsHeadersAsABrowserWould() throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "-D", "-", "-H", "Origin: http://localhost:5173",
                gatewayUrl() + "/.well-known/agent-card.json").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());
        assertTrue(out.contains("access-control-allow-origin: http://localhost:5173\r\n")
                || out.contains("Access-Control-Allow-Origin: http://localhost:5173\r\n"), out);
        assertEquals(gatewayUrl(), JSON.readTree(out.split("\r\n\r\n", 2)[1]).get("url").asText());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
