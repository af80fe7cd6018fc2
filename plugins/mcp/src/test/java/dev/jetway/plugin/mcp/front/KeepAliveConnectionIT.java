package dev.jetway.plugin.mcp.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import javax.net.ssl.SSLSocket;

import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP clients keep one HTTP/1.1 connection for a session and alternate 202 answers (notifications) with JSON answers
 * written from a target's thread. Answering 202 by completing the handler's callback unwritten left Jetty a last write
 * of its own, whose completion once ran inside the next request's write (a 500 from an AssertionError: Jetty asserts
 * with {@code -ea}, as tests run); the 202 is now written like every other answer, sized.
 */
class KeepAliveConnectionIT {

    @TempDir
    static Path dir;
    static TlsGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TlsGateway.start(dir, "targets:\n- name: everything\n  " + Everything.stdioYaml());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void notificationsAndCallsAlternateOnOneConnection() throws Exception {
        try (SSLSocket socket = (SSLSocket) TlsGateway.clientContext().getSocketFactory().createSocket("localhost", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            Answer init = exchange(out, in, null, """
                    {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},\
                    "clientInfo":{"name":"keep-alive","version":"1"}}}""");
            assertEquals(200, init.status, init.toString());
            String session = init.session;
            for (int i = 1; i <= 300; i++) {
                Answer accepted = exchange(out, in, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                assertEquals(202, accepted.status, "round " + i + ": " + accepted);
                Answer echoed = exchange(out, in, session, """
                        {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"echo","arguments":{"message":"m%d"}}}"""
                        .formatted(i, i));
                assertEquals(200, echoed.status, "round " + i + ": " + echoed);
                assertTrue(echoed.body.contains("Echo: m" + i), "round " + i + ": " + echoed);
            }
            Answer deleted = request(out, in, "DELETE", session, null);
            assertEquals(202, deleted.status, deleted.toString());
        }
    }

    private record Answer(int status, String session, String body) {
    }

    private static Answer exchange(OutputStream out, InputStream in, String session, String json) throws IOException {
        return request(out, in, "POST", session, json);
    }

    private static Answer request(OutputStream out, InputStream in, String method, String session, String json) throws IOException {
        byte[] content = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " /mcp HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n"
                + "MCP-Protocol-Version: 2025-11-25\r\nContent-Length: " + content.length + "\r\n");
        if (session != null) {
            head.append("Mcp-Session-Id: ").append(session).append("\r\n");
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        whole.write(content);
        out.write(whole.toByteArray()); // one write: no Nagle delay between head and body
        out.flush();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String sessionId = null;
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String name = header.substring(0, header.indexOf(':')).toLowerCase(Locale.ROOT);
            String value = header.substring(header.indexOf(':') + 1).strip();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("mcp-session-id")) {
                sessionId = value;
            } else if (name.equals("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            }
        }
        if (chunked) {
            // An event stream: the target sent something before its answer.
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            return new Answer(status, sessionId, body.toString(StandardCharsets.UTF_8));
        }
        if (length < 0) {
            throw new AssertionError(statusLine + " without Content-Length or chunks to " + json);
        }
        return new Answer(status, sessionId, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the gateway closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
