package dev.jetway.plugin.backendauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCP backend makes its own upstream calls, one per message: each carries what backendAuth chose, as a host
 * backend's forwarded request does. The upstream is the real server-everything (streamable HTTP) behind a proxy that
 * records the Authorization header of every request it passes on.
 */
class McpUpstreamAuthIT {

    @TempDir
    Path dir;

    @Test
    void everyUpstreamCallOfTheSessionCarriesTheKey() throws Exception {
        Everything everything = Everything.shared("streamableHttp");
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpClient client = new HttpClient();
        ProxyHandler.Reverse recorder = new ProxyHandler.Reverse(request -> HttpURI.build(request.getHttpURI())
                .host("127.0.0.1").port(everything.port())) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                seen.add(request.getMethod() + " " + request.getHeaders().get(HttpHeader.AUTHORIZATION));
                return super.handle(request, response, callback);
            }
        };
        recorder.setHttpClient(client);
        try (Upstream proxy = Upstream.start(recorder);
             TestGateway gateway = TestGateway.start("""
                     binds:
                     - port: 0
                       listeners:
                       - routes:
                         - policies:
                             backendAuth: {key: upstream-secret}
                           backends:
                           - mcp:
                               targets:
                               - name: remote
                                 mcp: {host: "http://%s/mcp"}
                     """.formatted(proxy.address()), dir)) {
            PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + gateway.port() + "/mcp",
                    Map.of("Authorization", "Bearer the-clients-own"));
            assertTrue(session.call(2, "echo", "{\"message\":\"hi\"}").body().contains("Echo: hi"));
            assertEquals(202, session.delete().statusCode());
            assertFalse(seen.isEmpty());
            assertTrue(seen.stream().allMatch(line -> line.endsWith(" Bearer upstream-secret")), seen.toString());
            assertTrue(seen.stream().anyMatch(line -> line.startsWith("POST ")), seen.toString());
        } finally {
            client.stop();
        }
    }
}
