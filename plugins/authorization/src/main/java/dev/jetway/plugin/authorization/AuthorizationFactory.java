package dev.jetway.plugin.authorization;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.expression.RuleSet;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code authorization: {rules: ['cidr("127.0.0.1/8").containsIP(source.address)']}}: CEL rules over the request
 * decide whether it reaches the backend; a refused request gets 403. A route policy only, as in agentgateway, whose
 * listener ({@code LocalGatewayPolicy}) and backend policies have no {@code authorization}.
 */
@Extension
public final class AuthorizationFactory implements PolicyFactory<AuthorizationConfig> {

    @Override
    public String type() {
        return "authorization";
    }

    @Override
    public Class<AuthorizationConfig> configType() {
        return AuthorizationConfig.class;
    }

    @Override
    public int order() {
        return ORDER_AUTHORIZATION;
    }

    @Override
    public Handler.Wrapper create(AuthorizationConfig config, FactoryContext context) throws ConfigException {
        if (config.rules() == null) {
            throw new ConfigException("rules", "rules is required, such as [\"source.address == '127.0.0.1'\"]; an empty"
                    + " list allows every request");
        }
        return new AuthorizationHandler(RuleSet.compile(context.expressions(), "rules", config.rules()));
    }
}
