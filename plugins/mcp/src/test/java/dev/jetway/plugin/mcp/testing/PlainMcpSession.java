package dev.jetway.plugin.mcp.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An MCP session over plain HTTP with the JDK client, for gateways run as their own process. */
public final class PlainMcpSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String id;
    private final Map<String, String> headers;

    private PlainMcpSession(String url, String id, Map<String, String> headers) {
        this.url = url;
        this.id = id;
        this.headers = headers;
    }

    /** Initializes a session at {@code url} and sends {@code notifications/initialized}. */
    public static PlainMcpSession open(String url) throws Exception {
        return open(url, Map.of());
    }

    /** A session whose every request carries {@code headers}. */
    public static PlainMcpSession open(String url, Map<String, String> headers) throws Exception {
        return open(url, headers, CurlSession.INITIALIZE);
    }

    /** A session initialized with {@code initialize}, a whole JSON-RPC request. */
    public static PlainMcpSession open(String url, Map<String, String> headers, String initialize) throws Exception {
        HttpResponse<String> reply = post(url, null, headers, initialize);
        String id = reply.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IllegalStateException("initialize failed: " + reply.statusCode() + " " + reply.body()));
        PlainMcpSession session = new PlainMcpSession(url, id, headers);
        session.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    /** The same session, its requests carrying other headers. */
    public PlainMcpSession with(Map<String, String> otherHeaders) {
        return new PlainMcpSession(url, id, otherHeaders);
    }

    public HttpResponse<String> post(String json) throws Exception {
        return post(url, id, headers, json);
    }

    /** A POST of {@code json} without a session. */
    public static HttpResponse<String> post(String url, String json) throws Exception {
        return post(url, null, Map.of(), json);
    }

    public String id() {
        return id;
    }

    public HttpResponse<String> delete() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Mcp-Session-Id", id).DELETE();
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The names of the items a list method answers with, such as {@code tools/list}'s tools. */
    public List<String> list(String method, String items, String key) throws Exception {
        JsonNode result = response(post("{\"jsonrpc\":\"2.0\",\"id\":\"list\",\"method\":\"" + method + "\"}")).path("result");
        List<String> names = new java.util.ArrayList<>();
        result.path(items).forEach(item -> names.add(item.path(key).asText()));
        return names;
    }

    public HttpResponse<String> call(int requestId, String tool, String arguments) throws Exception {
        return post("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}");
    }

    /** The JSON-RPC response in a reply, sent as JSON or as the last event of a stream. */
    public static JsonNode response(HttpResponse<String> reply) throws Exception {
        String body = reply.body();
        if (reply.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            List<String> data = body.lines().filter(line -> line.startsWith("data:")).toList();
            body = data.get(data.size() - 1).substring("data:".length());
        }
        return JSON.readTree(body);
    }

    private static HttpResponse<String> post(String url, String session, Map<String, String> headers, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .header("MCP-Protocol-Version", "2025-06-18").POST(HttpRequest.BodyPublishers.ofString(json));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
