package dev.jetway.api.upstream;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import org.pf4j.ExtensionPoint;

/**
 * A policy key that says how backends connect to their upstreams rather than wrapping requests, such as
 * {@code backendTLS}. It is written in a route's or a backend's {@code policies} like any policy; the kernel hands
 * the result to the backends of that route or backend (a backend's own policy wins over its route's) through
 * {@link FactoryContext#upstreamTls()} and {@link FactoryContext#httpClient()}.
 *
 * <pre>{@code
 * @Extension
 * public final class BackendTlsFactory implements UpstreamTlsFactory<BackendTlsConfig> {
 *     public String type() { return "backendTLS"; }
 *     public Class<BackendTlsConfig> configType() { return BackendTlsConfig.class; }
 *     public UpstreamTls create(BackendTlsConfig config, FactoryContext context) throws ConfigException { ... }
 *     public UpstreamTls defaults(FactoryContext context) { ... } // what https:// upstreams get without a policy
 * }
 * }</pre>
 *
 * @param <C> the typed config of the policy
 */
public interface UpstreamTlsFactory<C> extends ExtensionPoint {

    /** The policy key, such as {@code backendTLS}. */
    String type();

    Class<C> configType();

    /** @throws ConfigException naming the offending fields, relative to this policy's value */
    UpstreamTls create(C config, FactoryContext context) throws ConfigException;

    /** The settings {@code https://} upstreams get when no policy says otherwise (agentgateway's {@code tls: {}}). */
    UpstreamTls defaults(FactoryContext context) throws ConfigException;
}
