package dev.jetway.plugin.authorization;

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
 * A test policy that stands in for an authentication policy: {@code testClaims: {header: x-sub}} attaches
 * {@code jwt: {sub: <the header's value>}} to requests that carry the header, as jwtAuth attaches a token's claims.
 */
@Extension
public final class TestClaimsFactory implements PolicyFactory<TestClaimsFactory.TestClaimsConfig> {

    public record TestClaimsConfig(String header) {
    }

    @Override
    public String type() {
        return "testClaims";
    }

    @Override
    public Class<TestClaimsConfig> configType() {
        return TestClaimsConfig.class;
    }

    @Override
    public int order() {
        return ORDER_AUTHENTICATION;
    }

    @Override
    public Handler.Wrapper create(TestClaimsConfig config, FactoryContext context) {
        return new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String subject = request.getHeaders().get(config.header());
                if (subject != null) {
                    ExpressionVariables.put(request, "jwt", Map.of("sub", subject));
                }
                return super.handle(request, response, callback);
            }
        };
    }
}
