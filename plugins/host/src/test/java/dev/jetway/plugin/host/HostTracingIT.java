package dev.jetway.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.OtlpReceiver;
import dev.jetway.core.testing.OtlpReceiver.Received;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A traced request forwarded by the host backend: the upstream continues the gateway's trace. */
class HostTracingIT {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";

    @TempDir
    Path dir;

    @Test
    void theUpstreamReceivesTheGatewaySpanAsItsParent() throws Exception {
        List<String> traceparents = new CopyOnWriteArrayList<>();
        try (OtlpReceiver receiver = OtlpReceiver.start();
             Upstream upstream = Upstream.start(new Handler.Abstract.NonBlocking() {
                 @Override
                 public boolean handle(Request request, Response response, Callback callback) {
                     traceparents.add(String.valueOf(request.getHeaders().get("traceparent")));
                     response.setStatus(200);
                     response.write(true, null, callback);
                     return true;
                 }
             });
             TestGateway gateway = TestGateway.start(receiver.frontendTracingYaml() + """
                     binds:
                     - port: 0
                       listeners:
                       - name: edge
                         routes:
                         - name: app
                           matches: [{path: {pathPrefix: /app}}]
                           backends: [{host: "%s"}]
                     """.formatted(upstream.address()), dir)) {
            String url = "http://127.0.0.1:" + gateway.port();
            assertEquals(200, Http.get(url + "/app/continued", Map.of("traceparent",
                    "00-" + TRACE + "-" + CLIENT_SPAN + "-01")).statusCode());
            assertEquals(200, Http.get(url + "/app/new", Map.of()).statusCode());

            Received continued = receiver.awaitPath("/app/continued");
            assertEquals(TRACE, continued.traceId());
            assertEquals(CLIENT_SPAN, continued.parentSpanId());
            assertEquals("GET /app", continued.span().getName());
            assertEquals("app", continued.attribute("route"));
            assertEquals("host", continued.attribute("backend"));
            assertEquals("00-" + TRACE + "-" + continued.spanId() + "-01", traceparents.get(0));

            Received fresh = receiver.awaitPath("/app/new");
            assertTrue(traceparents.get(1).startsWith("00-" + fresh.traceId() + "-" + fresh.spanId() + "-"),
                    traceparents.toString());
        }
    }
}
