package dev.jetway.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.telemetry.LogValues;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log's agentgateway rules ({@code frontendPolicies.accessLog} and {@code config.logging.filter/fields})
 * and its defence against log injection, through a running gateway.
 */
class AccessLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String config(String format) {
        return """
                config:
                  logging:
                    format: %s
                    accessLog: logs/access.log
                    filter: 'request.path != "/health"'
                    fields:
                      add: {gateway.name: '"edge"'}
                frontendPolicies:
                  accessLog:
                    filter: 'response.code == 200'
                    add:
                      user.id: jwt.sub
                      note: 'base64Decode(request.headers["x-note"])'
                      agent: 'request.headers["x-agent"]'
                    remove: [bytes, http.host]
                binds:
                - port: 0
                  listeners:
                  - name: plain
                    routes:
                    - name: app
                      policies:
                        testVariables: {variable: jwt, header: x-user}
                      backends: [{testEcho: {name: app}}]
                """.formatted(format);
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(dir.resolve("logs/access." + LocalDate.now(ZoneOffset.UTC).toString().replace('-', '_')
                + ".log"));
    }

    @Test
    void filterAddAndRemoveShapeTheJsonLines() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("json"), dir)) {
            String base = "http://127.0.0.1:" + gateway.port();
            Http.get(base + "/health", Map.of());
            Http.get(base + "/app?x=1", Map.of("x-user", "alice"));
            Http.get(base + "/anonymous", Map.of());
        }
        // Lines are written as requests complete, which need not be the order the client saw its answers in.
        Map<String, String> lines = byPath(lines(), "\"http.path\":\"");
        assertEquals(2, lines.size(), "/health is filtered out: " + lines);
        JsonNode alice = JSON.readTree(lines.get("/app"));
        assertEquals("alice", alice.get("user.id").asText());
        assertEquals("edge", alice.get("gateway.name").asText());
        assertEquals("GET", alice.get("http.method").asText());
        assertEquals("/app", alice.get("http.path").asText());
        assertEquals(200, alice.get("http.status").asInt());
        assertTrue(alice.get("http.version").asText().startsWith("HTTP/"), alice.toString());
        assertTrue(alice.get("src.addr").asText().startsWith("127.0.0.1:"), alice.toString());
        assertTrue(alice.get("duration").asText().endsWith("ms"), alice.toString());
        assertEquals("plain", alice.get("listener").asText());
        assertEquals("app", alice.get("route").asText());
        assertEquals("testEcho", alice.get("backend").asText());
        // jetway's own fields stay
        assertEquals("GET", alice.get("method").asText());
        assertEquals(200, alice.get("status").asInt());
        assertTrue(alice.has("duration_ms"), alice.toString());
        // removed
        assertFalse(alice.has("bytes"), alice.toString());
        assertFalse(alice.has("http.host"), alice.toString());
        JsonNode anonymous = JSON.readTree(lines.get("/anonymous"));
        assertEquals("/anonymous", anonymous.get("http.path").asText());
        assertNull(anonymous.get("user.id"), "no token, no jwt.sub: " + anonymous);
    }

    @Test
    void aRequestCannotBreakOrForgeJsonLines() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("json"), dir)) {
            injections(gateway.port());
        }
        Map<String, String> lines = byPath(lines(), "\"http.path\":\"");
        assertEquals(3, lines.size(), lines.toString());
        JsonNode decoded = JSON.readTree(lines.get("/one"));
        assertEquals(NOTE, decoded.get("note").asText(), lines.get("/one"));
        assertFalse(decoded.has("forged"));
        assertTrue(lines.get("/one").contains("\\r\\n{\\\"forged\\\":true}\\u2028"), "U+2028 escaped too: " + lines);
        JsonNode c1 = JSON.readTree(lines.get("/two"));
        assertEquals("x\u0085y", c1.get("agent").asText(), lines.get("/two"));
        assertTrue(lines.get("/two").contains("x\\u0085y"), "C1 controls escaped: " + lines.get("/two"));
        String long1000 = JSON.readTree(lines.get("/three")).get("agent").asText();
        assertEquals(LogValues.MAX_LENGTH + 1, long1000.length());
        assertTrue(long1000.endsWith(LogValues.ELLIPSIS), long1000);
    }

    @Test
    void aRequestCannotBreakOrForgeTextLines() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("text"), dir)) {
            injections(gateway.port());
        }
        Map<String, String> lines = byPath(lines(), " http.path=");
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get("/one").contains(" note=\"a\\r\\n{\\\"forged\\\":true}\\u2028b\""), lines.get("/one"));
        assertTrue(lines.get("/two").contains(" agent=\"x\\u0085y\""), lines.get("/two"));
        assertTrue(lines.get("/three").contains(" agent=" + "y".repeat(LogValues.MAX_LENGTH) + LogValues.ELLIPSIS),
                lines.get("/three"));
        assertTrue(lines.values().stream().allMatch(line -> line.startsWith("time=")), lines.toString());
    }

    /** The lines by the path they log (requests on separate connections may complete in any order). */
    private static Map<String, String> byPath(List<String> lines, String before) {
        Map<String, String> byPath = new java.util.HashMap<>();
        for (String line : lines) {
            int start = line.indexOf(before) + before.length();
            int end = start;
            while (end < line.length() && line.charAt(end) != '"' && line.charAt(end) != ' ') {
                end++;
            }
            byPath.put(line.substring(start, end), line);
        }
        return byPath;
    }

    /** A value with CR/LF, a forged field and a Unicode line separator. */
    private static final String NOTE = "a\r\n{\"forged\":true}\u2028b";

    /**
     * {@link #NOTE}, which CEL decodes from a header; a header with a C1 control (NEL, sent as a raw byte: HTTP/1.1
     * headers may carry it as obs-text); a 1000-character header; a path with an encoded CR/LF.
     */
    private static void injections(int port) throws Exception {
        String note = Base64.getEncoder().encodeToString(NOTE.getBytes(StandardCharsets.UTF_8));
        Http.get("http://127.0.0.1:" + port + "/one", Map.of("x-note", note));
        assertTrue(raw(port, "/two", "x-agent: x\u0085y").startsWith("HTTP/1.1 200"));
        // Jetty refuses encoded control characters in paths before any handler (and the filter drops the 400).
        String refused = raw(port, "/four%0D%0Aforged=1%0A", "x-agent: four");
        assertTrue(refused.startsWith("HTTP/1.1 400") && refused.contains("Suspicious Path Character"), refused);
        Http.get("http://127.0.0.1:" + port + "/three", Map.of("x-agent", "y".repeat(1000)));
    }

    private static String raw(int port, String path, String header) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
