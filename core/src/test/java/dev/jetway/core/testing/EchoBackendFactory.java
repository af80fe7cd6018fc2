package dev.jetway.core.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.jetway.api.BackendFactory;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.tls.ClientCertificate;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.pf4j.Extension;

/**
 * A test backend, {@code testEcho: {name: a}}: answers with what the gateway knows about the request, so that tests
 * can see which listener and route served it, which client certificate was presented and the trace context it was
 * given.
 */
@Extension
public final class EchoBackendFactory implements BackendFactory<EchoBackendFactory.EchoConfig> {

    /** @param delayMs how long to wait before answering, for tests of requests in flight */
    public record EchoConfig(String name, Long delayMs) {
    }

    @Override
    public String type() {
        return "testEcho";
    }

    @Override
    public Class<EchoConfig> configType() {
        return EchoConfig.class;
    }

    @Override
    public Handler create(EchoConfig config, FactoryContext context) {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (config.delayMs() != null) {
                    request.getComponents().getScheduler().schedule(() -> answer(request, response, callback),
                            config.delayMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } else {
                    answer(request, response, callback);
                }
                return true;
            }

            private void answer(Request request, Response response, Callback callback) {
                ClientCertificate client = (ClientCertificate) request.getAttribute(ClientCertificate.ATTRIBUTE);
                String traceparent = request.getHeaders().get("traceparent");
                String body = "backend=" + config.name()
                        + " listener=" + request.getAttribute(GatewayAttributes.LISTENER)
                        + " route=" + request.getAttribute(GatewayAttributes.ROUTE)
                        + " path=" + request.getHttpURI().getPath()
                        + " protocol=" + request.getConnectionMetaData().getProtocol()
                        + (client == null ? "" : " client=" + client.subject() + " sans=" + client.subjectAltNames())
                        + (traceparent == null ? "" : " traceparent=" + traceparent)
                        + "\n";
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            }
        };
    }
}
