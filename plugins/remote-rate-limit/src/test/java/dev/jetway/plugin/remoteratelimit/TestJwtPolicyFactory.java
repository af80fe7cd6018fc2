package dev.jetway.plugin.remoteratelimit;

import java.util.Map;

import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.expression.ExpressionVariables;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.pf4j.Extension;

/**
 * A test-only stand-in for jwtAuth, {@code testJwt: {}}: the {@code x-test-sub} header becomes the CEL variable
 * {@code jwt} ({@code {sub: <header>}}), attached the way authentication policies attach verified claims.
 */
@Extension
public final class TestJwtPolicyFactory implements PolicyFactory<TestJwtPolicyFactory.Config> {

    public record Config() {
    }

    @Override
    public String type() {
        return "testJwt";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public int order() {
        return ORDER_AUTHENTICATION;
    }

    @Override
    public Handler.Wrapper create(Config config, FactoryContext context) {
        return new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String sub = request.getHeaders().get("x-test-sub");
                if (sub != null) {
                    ExpressionVariables.put(request, "jwt", Map.of("sub", sub));
                }
                return super.handle(request, response, callback);
            }
        };
    }
}
