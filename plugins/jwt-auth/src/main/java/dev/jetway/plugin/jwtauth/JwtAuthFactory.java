package dev.jetway.plugin.jwtauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code jwtAuth}: bearer JWTs checked against one issuer or several.
 *
 * <pre>{@code
 * jwtAuth:
 *   mode: strict
 *   issuer: https://idp.example.com
 *   audiences: [my-api]
 *   jwks: {url: https://idp.example.com/.well-known/jwks.json}
 * }</pre>
 */
@Extension
public final class JwtAuthFactory implements PolicyFactory<JwtAuthConfig> {

    @Override
    public String type() {
        return "jwtAuth";
    }

    @Override
    public Class<JwtAuthConfig> configType() {
        return JwtAuthConfig.class;
    }

    @Override
    public int order() {
        return ORDER_AUTHENTICATION;
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.LISTENER, PolicyScope.ROUTE);
    }

    @Override
    public Handler.Wrapper create(JwtAuthConfig config, FactoryContext context) throws ConfigException {
        IssuerBuilder builder = new IssuerBuilder(context);
        List<Issuer> issuers = new ArrayList<>();
        if (config.providers() != null) {
            if (Stream.of(config.issuer(), config.audiences(), config.jwks(), config.jwtValidationOptions())
                    .anyMatch(Objects::nonNull)) {
                builder.problem("providers", "write either providers or one provider's issuer, audiences, jwks and"
                        + " jwtValidationOptions, not both");
            } else if (config.providers().isEmpty()) {
                builder.problem("providers", "providers needs at least one provider");
            }
            for (int i = 0; i < config.providers().size(); i++) {
                JwtAuthConfig.ProviderConfig provider = config.providers().get(i);
                issuers.add(builder.build("providers[" + i + "].", provider.issuer(), provider.audiences(),
                        provider.jwks(), provider.jwtValidationOptions()));
            }
        } else {
            issuers.add(builder.build("", config.issuer(), config.audiences(), config.jwks(),
                    config.jwtValidationOptions()));
        }
        builder.throwIfProblems();
        Mode mode = config.mode() == null ? Mode.OPTIONAL : config.mode();
        return new JwtAuthHandler(new TokenVerifier(issuers), mode);
    }
}
