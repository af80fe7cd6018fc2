package dev.jetway.api;

import java.util.Set;

import org.eclipse.jetty.server.Handler;
import org.pf4j.ExtensionPoint;

/**
 * A policy, selected by its YAML key in a {@code policies} block of a listener, a route or a backend.
 *
 * <p>The kernel binds the value under the key into {@link #configType()} and calls {@link #create} once per
 * occurrence. The returned wrapper sits in front of the backend: it may answer the request itself, change it on the
 * way in, or decorate the response. Policies of one block are nested by {@link #order()} (lowest outermost), not by
 * their order in the YAML, so that a config means the same thing however its keys are written.
 *
 * <pre>{@code
 * @Extension
 * public final class AddHeaderPolicyFactory implements PolicyFactory<AddHeaderConfig> {
 *     public String type() { return "addHeader"; }
 *     public Class<AddHeaderConfig> configType() { return AddHeaderConfig.class; }
 *     public Handler.Wrapper create(AddHeaderConfig config, FactoryContext context) {
 *         return new AddHeaderHandler(config.name(), config.value());
 *     }
 * }
 * }</pre>
 *
 * @param <C> the typed config of this policy
 */
public interface PolicyFactory<C> extends ExtensionPoint {

    /*
     * The orders follow agentgateway's request pipeline: cors, authentication (jwtAuth, mcpAuthentication, basicAuth,
     * apiKey), extAuthz, authorization, rate limits, transformations (header modifiers, urlRewrite), requestRedirect,
     * then what wraps the backend call (requestMirror, timeout, retry), then directResponse.
     */
    /** First, so that preflights need no credentials and CORS headers reach the browser even on 401, 403 and 429. */
    int ORDER_CORS = 50;
    /** Who the client is: policies that decide whether a request may proceed at all. */
    int ORDER_AUTHENTICATION = 100;
    /** An external service decides, after the gateway's own authentication. */
    int ORDER_EXTERNAL_AUTHORIZATION = 150;
    /** After authentication: rules over the request and the identity. */
    int ORDER_AUTHORIZATION = 200;
    /** After authorization, so that refused requests spend no tokens. */
    int ORDER_RATE_LIMIT = 300;
    /** Request and response rewriting. */
    int ORDER_TRANSFORMATION = 500;
    /** Answers with a redirect instead of calling the backend, after the request was rewritten. */
    int ORDER_REDIRECT = 700;
    /** Around the backend call: mirroring, timeouts, retries. */
    int ORDER_BACKEND_CALL = 900;
    /** Innermost: policies that answer instead of the backend. */
    int ORDER_TERMINAL = 1000;

    /** The YAML key that selects this policy, such as {@code cors}; unique among loaded plugins. */
    String type();

    /** The type the YAML value is bound into: usually a record, or an array for list-valued policies. */
    Class<C> configType();

    /** Where in a policy block this policy runs; lower runs first (outermost). */
    default int order() {
        return ORDER_TRANSFORMATION;
    }

    /** The blocks this policy may appear in; anywhere else is a config error. */
    default Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.ROUTE);
    }

    /**
     * Builds the policy's wrapper; the kernel sets its inner handler.
     *
     * @throws ConfigException naming the offending fields, relative to this policy's value
     */
    Handler.Wrapper create(C config, FactoryContext context) throws ConfigException;
}
