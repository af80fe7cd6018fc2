package dev.jetway.plugin.extauthz.spi;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import org.pf4j.ExtensionPoint;

/**
 * A protocol {@code extAuthz} speaks to its authorization service, selected by its key under {@code protocol}. The
 * {@code extAuthz} plugin brings {@code grpc} (Envoy's ext_authz v3, agentgateway's default when {@code protocol} is
 * omitted) and {@code http}; a plugin jar that declares {@code Plugin-Dependencies: ext-authz} can add another. The
 * policy around it reads the request body when asked, applies the verdict and the {@code failureMode}; a check that
 * is a {@link org.eclipse.jetty.util.component.LifeCycle} is started and stopped with the policy.
 *
 * <pre>{@code
 * @Extension
 * public final class OpaProtocolFactory implements ExtAuthzProtocolFactory<OpaConfig> {
 *     public String type() { return "opa"; }
 *     public Class<OpaConfig> configType() { return OpaConfig.class; }
 *     public AuthzCheck create(OpaConfig config, CheckSettings settings, FactoryContext context) {
 *         return new OpaCheck(context.httpClient(), config.policy(), settings.service(), settings.timeout());
 *     }
 * }
 * }</pre>
 *
 * @param <C> the typed config under the protocol's key, such as {@code protocol: {opa: {policy: authz/allow}}}
 */
public interface ExtAuthzProtocolFactory<C> extends ExtensionPoint {

    /** The key under {@code protocol}, such as {@code grpc}; unique among loaded plugins. */
    String type();

    /** A record the value under {@link #type()} is bound into ({@code {}} when the protocol is omitted). */
    Class<C> configType();

    /**
     * Builds the check once per policy; it must not connect yet.
     *
     * @throws ConfigException naming the offending fields relative to the policy's value, such as
     *                         {@code protocol.opa.policy}
     */
    AuthzCheck create(C config, CheckSettings settings, FactoryContext context) throws ConfigException;
}
