package dev.jetway.plugin.jwtauth.testing;

import java.util.Map;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.pf4j.Extension;

/**
 * A test policy, {@code testExpressionHeader: {name: x-sub, expression: "jwt.sub"}}: evaluates a CEL expression with
 * the gateway's compiler after the authentication policies and answers it in a response header (its Java type too),
 * so that tests see what {@code jwt} holds as later policies do.
 */
@Extension
public final class ExpressionHeaderFactory implements PolicyFactory<ExpressionHeaderFactory.Config> {

    public record Config(String name, String expression) {
    }

    @Override
    public String type() {
        return "testExpressionHeader";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Handler.Wrapper create(Config config, FactoryContext context) throws ConfigException {
        Expression expression = context.expressions().compile("expression", config.expression());
        return new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String value;
                try {
                    Object result = expression.evaluate(request, Map.of());
                    value = result + " (" + (result == null ? "null" : result.getClass().getSimpleName()) + ")";
                } catch (ExpressionException e) {
                    value = "error";
                }
                response.getHeaders().put(config.name(), value);
                return super.handle(request, response, callback);
            }
        };
    }
}
