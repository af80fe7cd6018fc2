package dev.jetway.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jetway.core.testing.EchoUpstream;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client cannot do to the host backend: bend its path, blame the upstream for its own errors, starve it. */
class HostHardeningIT {

    @TempDir
    Path dir;

    private static String route(String prefix, String host) {
        return "    - matches: [{path: {pathPrefix: " + prefix + "}}]\n      backends: [{host: \"" + host + "\"}]\n";
    }

    private static TestGateway gateway(Path dir, String routes) throws Exception {
        return TestGateway.start("binds:\n- port: 0\n  listeners:\n  - routes:\n" + routes, dir);
    }

    @Test
    void theRoutedPathIsTheForwardedPath() throws Exception {
        try (EchoUpstream raw = EchoUpstream.start(); EchoUpstream ng = EchoUpstream.start();
             TestGateway gateway = gateway(dir, route("/raw", raw.address()) + route("/ng", ng.address()))) {
            String reply = Http.raw(gateway.port(), "GET /raw/../ng/x?q=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            assertTrue(reply.contains("GET /ng/x?q=1"), reply);
            assertEquals(null, raw.next(Duration.ofMillis(200)), "the /raw upstream saw nothing");
        }
    }

    @Test
    void aMalformedBodyIsTheClientsError() throws Exception {
        try (EchoUpstream upstream = EchoUpstream.start(); TestGateway gateway = gateway(dir, route("/", upstream.address()))) {
            String reply = Http.raw(gateway.port(), "POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
        }
    }

    /** Just under the listener's 8 KiB of headers, the forwarding headers the gateway adds must still fit upstream. */
    @Test
    void headersNearTheLimitAreNeverTheGatewaysFailure() throws Exception {
        try (EchoUpstream upstream = EchoUpstream.start(); TestGateway gateway = gateway(dir, route("/", upstream.address()))) {
            for (int size = 7_900; size <= 8_250; size += 50) {
                String reply = Http.raw(gateway.port(), "GET /x HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(size)
                        + "\r\nConnection: close\r\n\r\n");
                int status = Integer.parseInt(reply.substring(9, 12));
                assertTrue(status == 200 || status == 431, size + " bytes: " + reply.lines().findFirst().orElse(""));
            }
        }
    }

    /** Slow uploads wait in the gateway, not on connections to the upstream that other clients need. */
    @Test
    void slowBodiesDoNotHoldUpstreamConnections() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        Handler counting = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                reached.incrementAndGet();
                Content.Source.consumeAll(request, Callback.from(() -> Content.Sink.write(response, true, "ok", callback),
                        callback::failed));
                return true;
            }
        };
        List<Socket> slow = new ArrayList<>();
        try (Upstream upstream = Upstream.start(counting); TestGateway gateway = gateway(dir, route("/", upstream.address()))) {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", gateway.port());
                OutputStream out = socket.getOutputStream();
                out.write(("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100))
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(socket);
            }
            assertEquals("ok", Http.get("http://127.0.0.1:" + gateway.port() + "/quick", Map.of()).body());
            assertEquals(1, reached.get(), "only the complete request reached the upstream");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }
}
