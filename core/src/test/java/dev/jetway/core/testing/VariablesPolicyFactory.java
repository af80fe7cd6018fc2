package dev.jetway.core.testing;

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
 * A test policy, {@code testVariables: {variable: jwt, header: x-user}}: attaches {@code {sub: <the header's value>}}
 * to requests that have the header, as the CEL variable named, the way {@code jwtAuth} attaches a token's claims.
 */
@Extension
public final class VariablesPolicyFactory implements PolicyFactory<VariablesPolicyFactory.VariablesConfig> {

    public record VariablesConfig(String variable, String header) {
    }

    @Override
    public String type() {
        return "testVariables";
    }

    @Override
    public Class<VariablesConfig> configType() {
        return VariablesConfig.class;
    }

    @Override
    public Handler.Wrapper create(VariablesConfig config, FactoryContext context) {
        return new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String value = request.getHeaders().get(config.header());
                if (value != null) {
                    ExpressionVariables.put(request, config.variable(), Map.of("sub", value));
                }
                return super.handle(request, response, callback);
            }
        };
    }
}
