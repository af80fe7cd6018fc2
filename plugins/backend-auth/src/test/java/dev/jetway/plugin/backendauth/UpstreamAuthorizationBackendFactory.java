package dev.jetway.plugin.backendauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.jetway.api.BackendFactory;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.GatewayAttributes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.pf4j.Extension;

/**
 * A test backend, {@code testUpstreamAuthorization: {}}, standing in for backends that make their own upstream
 * calls (MCP): answers with the {@link GatewayAttributes#UPSTREAM_AUTHORIZATION} they would send.
 */
@Extension
public final class UpstreamAuthorizationBackendFactory implements BackendFactory<UpstreamAuthorizationBackendFactory.Config> {

    public record Config() {
    }

    @Override
    public String type() {
        return "testUpstreamAuthorization";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Handler create(Config config, FactoryContext context) {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String body = "upstream authorization=" + request.getAttribute(GatewayAttributes.UPSTREAM_AUTHORIZATION);
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
    }
}
