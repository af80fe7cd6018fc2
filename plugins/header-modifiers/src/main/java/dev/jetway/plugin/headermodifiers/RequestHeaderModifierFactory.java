package dev.jetway.plugin.headermodifiers;

import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code requestHeaderModifier: {add: {x-team: a}, set: {x-env: prod}, remove: [cookie]}}: the backend gets the
 * request with its headers changed.
 */
@Extension
public final class RequestHeaderModifierFactory implements PolicyFactory<HeaderModifierConfig> {

    @Override
    public String type() {
        return "requestHeaderModifier";
    }

    @Override
    public Class<HeaderModifierConfig> configType() {
        return HeaderModifierConfig.class;
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.ROUTE, PolicyScope.BACKEND);
    }

    @Override
    public Handler.Wrapper create(HeaderModifierConfig config, FactoryContext context) throws ConfigException {
        HeaderEdits edits = HeaderEdits.of(config);
        return new RequestHeaderModifierHandler(edits);
    }
}
