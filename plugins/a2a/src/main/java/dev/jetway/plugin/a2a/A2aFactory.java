package dev.jetway.plugin.a2a;

import java.util.Set;

import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code a2a: {}} marks a route's traffic as A2A (agent-to-agent): agent cards fetched through the gateway point at
 * the gateway, and the JSON-RPC method of each call reaches the access log ({@code a2a_method}).
 */
@Extension
public final class A2aFactory implements PolicyFactory<A2aConfig> {

    @Override
    public String type() {
        return "a2a";
    }

    @Override
    public Class<A2aConfig> configType() {
        return A2aConfig.class;
    }

    /** After the authentication and rate limits, so that refused calls are not inspected, and before the rewrites. */
    @Override
    public int order() {
        return ORDER_TRANSFORMATION - 50;
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.ROUTE, PolicyScope.BACKEND);
    }

    @Override
    public Handler.Wrapper create(A2aConfig config, FactoryContext context) {
        return new A2aHandler();
    }
}
