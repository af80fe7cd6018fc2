package dev.jetway.plugin.mcp.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An MCP session driven with curl: initialize, then JSON-RPC POSTs with the session's id, then DELETE. */
public final class CurlSession {

    public static final String ACCEPT = "Accept: application/json, text/event-stream";
    public static final String JSON = "Content-Type: application/json";
    public static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"curl","version":"1"}}}""";

    private final Path caFile;
    private final String url;
    private final String id;
    private final String version;
    private final Curl.Reply initialized;

    private CurlSession(Path caFile, String url, String id, String version, Curl.Reply initialized) {
        this.caFile = caFile;
        this.url = url;
        this.id = id;
        this.version = version;
        this.initialized = initialized;
    }

    /** Initializes a session at {@code url} and sends {@code notifications/initialized}. */
    public static CurlSession open(Path caFile, String url) throws Exception {
        return open(caFile, url, INITIALIZE);
    }

    /** A session initialized with {@code initialize}, a whole JSON-RPC request; later requests carry its version. */
    public static CurlSession open(Path caFile, String url, String initialize) throws Exception {
        Curl.Reply reply = Curl.run(caFile, "-H", ACCEPT, "-H", JSON, "-d", initialize, url);
        String id = reply.header("Mcp-Session-Id");
        if (reply.status() != 200 || id == null) {
            throw new IllegalStateException("initialize failed: " + reply);
        }
        String version = new ObjectMapper().readTree(initialize).path("params").path("protocolVersion").asText();
        CurlSession session = new CurlSession(caFile, url, id, version, reply);
        session.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    /** The same session id, sent to another gateway (another replica). */
    public CurlSession at(Path otherCaFile, String otherUrl) {
        return new CurlSession(otherCaFile, otherUrl, id, version, initialized);
    }

    public Curl.Reply post(String json) throws Exception {
        return Curl.run(caFile, "-H", ACCEPT, "-H", JSON, "-H", "Mcp-Session-Id: " + id,
                "-H", "MCP-Protocol-Version: " + version, "-d", json, url);
    }

    public Curl.Reply call(int requestId, String tool, String arguments) throws Exception {
        return post("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}");
    }

    public Curl.Reply delete() throws Exception {
        return Curl.run(caFile, "-X", "DELETE", "-H", "Mcp-Session-Id: " + id, url);
    }

    /** The JSON-RPC messages of a reply: the one JSON body, or every event of a stream, in order. */
    public static List<JsonNode> messages(Curl.Reply reply) throws Exception {
        ObjectMapper json = new ObjectMapper();
        if (!String.valueOf(reply.header("Content-Type")).startsWith("text/event-stream")) {
            return List.of(json.readTree(reply.body()));
        }
        List<JsonNode> messages = new ArrayList<>();
        for (String line : reply.body().lines().filter(l -> l.startsWith("data:")).toList()) {
            messages.add(json.readTree(line.substring("data:".length())));
        }
        return messages;
    }

    /** The response in a reply: its last message. */
    public static JsonNode response(Curl.Reply reply) throws Exception {
        List<JsonNode> messages = messages(reply);
        return messages.get(messages.size() - 1);
    }

    public String id() {
        return id;
    }

    public Curl.Reply initialized() {
        return initialized;
    }
}
