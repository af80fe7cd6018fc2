package dev.jetway.plugin.headermodifiers;

import java.util.Set;
import java.util.function.Function;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import org.eclipse.jetty.server.Handler;

/** What the two header modifiers share: the config, its checks and where they may be written. */
abstract sealed class HeaderModifierFactory implements PolicyFactory<HeaderModifierConfig>
        permits RequestHeaderModifierFactory, ResponseHeaderModifierFactory {

    private final String type;
    private final Function<HeaderEdits, Handler.Wrapper> handler;

    HeaderModifierFactory(String type, Function<HeaderEdits, Handler.Wrapper> handler) {
        this.type = type;
        this.handler = handler;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Class<HeaderModifierConfig> configType() {
        return HeaderModifierConfig.class;
    }

    @Override
    public final Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.ROUTE, PolicyScope.BACKEND);
    }

    @Override
    public final Handler.Wrapper create(HeaderModifierConfig config, FactoryContext context) throws ConfigException {
        return handler.apply(HeaderEdits.of(config));
    }
}
