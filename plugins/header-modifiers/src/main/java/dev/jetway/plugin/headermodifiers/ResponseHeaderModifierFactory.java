package dev.jetway.plugin.headermodifiers;

import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code responseHeaderModifier: {set: {cache-control: no-store}, remove: [server]}}: the client gets the response
 * with its headers changed, as it is sent, whether the backend streams it or a later policy wrote it.
 */
@Extension
public final class ResponseHeaderModifierFactory implements PolicyFactory<HeaderModifierConfig> {

    @Override
    public String type() {
        return "responseHeaderModifier";
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
        return new ResponseHeaderModifierHandler(edits);
    }
}
