package dev.jetway.plugin.mcp.testing;

import java.nio.file.Path;

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
    private final Curl.Reply initialized;

    private CurlSession(Path caFile, String url, String id, Curl.Reply initialized) {
        this.caFile = caFile;
        this.url = url;
        this.id = id;
        this.initialized = initialized;
    }

    /** Initializes a session at {@code url} and sends {@code notifications/initialized}. */
    public static CurlSession open(Path caFile, String url) throws Exception {
        Curl.Reply reply = Curl.run(caFile, "-H", ACCEPT, "-H", JSON, "-d", INITIALIZE, url);
        String id = reply.header("Mcp-Session-Id");
        if (reply.status() != 200 || id == null) {
            throw new IllegalStateException("initialize failed: " + reply);
        }
        CurlSession session = new CurlSession(caFile, url, id, reply);
        session.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    /** The same session id, sent to another gateway (another replica). */
    public CurlSession at(Path otherCaFile, String otherUrl) {
        return new CurlSession(otherCaFile, otherUrl, id, initialized);
    }

    public Curl.Reply post(String json) throws Exception {
        return Curl.run(caFile, "-H", ACCEPT, "-H", JSON, "-H", "Mcp-Session-Id: " + id,
                "-H", "MCP-Protocol-Version: 2025-06-18", "-d", json, url);
    }

    public Curl.Reply call(int requestId, String tool, String arguments) throws Exception {
        return post("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}");
    }

    public Curl.Reply delete() throws Exception {
        return Curl.run(caFile, "-X", "DELETE", "-H", "Mcp-Session-Id: " + id, url);
    }

    public String id() {
        return id;
    }

    public Curl.Reply initialized() {
        return initialized;
    }
}
