package dev.jetway.plugin.extauthz.spi;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import org.pf4j.ExtensionPoint;

/**
 * A protocol {@code extAuthz} speaks to its authorization service, selected by its key under {@code protocol}. The
 * {@code extAuthz} plugin brings {@code http}; a plugin jar that declares {@code Plugin-Dependencies: ext-authz} can
 * add another, such as {@code grpc} (Envoy's ext_authz v3, agentgateway's default when {@code protocol} is omitted).
 * The policy around it reads the request body when asked, applies the verdict and the {@code failureMode}.
 *
 * <pre>{@code
 * @Extension
 * public final class GrpcProtocolFactory implements ExtAuthzProtocolFactory<GrpcConfig> {
 *     public String type() { return "grpc"; }
 *     public Class<GrpcConfig> configType() { return GrpcConfig.class; }
 *     public AuthzCheck create(GrpcConfig config, CheckSettings settings, FactoryContext context) {
 *         return new GrpcCheck(config, settings.service(), settings.timeout());
 *     }
 * }
 * }</pre>
 *
 * @param <C> the typed config under the protocol's key, such as {@code protocol: {grpc: {context: {...}}}}
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
     *                         {@code protocol.grpc.metadata.user}
     */
    AuthzCheck create(C config, CheckSettings settings, FactoryContext context) throws ConfigException;
}
