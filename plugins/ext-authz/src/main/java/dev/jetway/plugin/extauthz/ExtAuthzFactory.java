package dev.jetway.plugin.extauthz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import dev.jetway.plugin.extauthz.spi.AuthzCheck;
import dev.jetway.plugin.extauthz.spi.BodyOptions;
import dev.jetway.plugin.extauthz.spi.CheckSettings;
import dev.jetway.plugin.extauthz.spi.ExtAuthzProtocolFactory;
import dev.jetway.plugin.extauthz.spi.ServiceAddress;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code extAuthz: {host: localhost:9000, protocol: {grpc: {...}}, failureMode: deny, ...}}: an external service
 * decides about each request, on a listener (before routing) or a route. The protocol comes from the
 * {@link ExtAuthzProtocolFactory} of its key: {@code grpc} (the default, as in agentgateway) and {@code http} here,
 * others from plugins that extend this one.
 */
@Extension
public final class ExtAuthzFactory implements PolicyFactory<ExtAuthzConfig> {

    /** agentgateway's protocol when {@code protocol} is omitted. */
    private static final String DEFAULT_PROTOCOL = "grpc";

    @Override
    public String type() {
        return "extAuthz";
    }

    @Override
    public Class<ExtAuthzConfig> configType() {
        return ExtAuthzConfig.class;
    }

    @Override
    public int order() {
        return ORDER_EXTERNAL_AUTHORIZATION;
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.LISTENER, PolicyScope.ROUTE);
    }

    @Override
    public Handler.Wrapper create(ExtAuthzConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        ServiceAddress service = null;
        Duration timeout = null;
        FailureMode failureMode = null;
        List<String> included = null;
        try {
            service = service(config);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            timeout = ServicePolicies.timeout(config.policies(), context);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            failureMode = FailureMode.parse(config.failureMode());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            included = HeaderNames.parse("includeRequestHeaders", config.includeRequestHeaders(), HeaderNames.PSEUDO);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        BodyOptions body = config.includeRequestBody();
        if (body != null && body.maxRequestBytes() != null && body.maxRequestBytes() < 0) {
            problems.add(new ConfigProblem("includeRequestBody.maxRequestBytes", "expected 0 or more bytes, such as 8192"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        AuthzCheck check = protocol(config, new CheckSettings(service, included, body, timeout), context);
        return new ExtAuthzHandler(check, body, failureMode, service.toString(), context.location());
    }

    private static ServiceAddress service(ExtAuthzConfig config) throws ConfigException {
        if (config.backend() != null) {
            throw new ConfigException("backend", "extAuthz with a backend reference is not supported yet; write the"
                    + " service's address as host: \"host:port\" or host: \"unix:/path/to.sock\"");
        }
        if (config.service() != null) {
            throw new ConfigException("service", "extAuthz with a service reference is not supported yet; write the"
                    + " service's address as host: \"host:port\" or host: \"unix:/path/to.sock\"");
        }
        if (config.host() == null) {
            throw new ConfigException("host", "host is required: the authorization service's \"host:port\" or"
                    + " \"unix:/path/to.sock\"");
        }
        return ServiceAddress.parse("host", config.host());
    }

    /** The check of the protocol the config names ({@code grpc} when it names none, as in agentgateway). */
    private static AuthzCheck protocol(ExtAuthzConfig config, CheckSettings settings, FactoryContext context)
            throws ConfigException {
        Map<String, ExtAuthzProtocolFactory<?>> loaded = loaded(context);
        String allowed = String.join(", ", loaded.keySet());
        JsonNode written = config.protocol();
        if (written != null && written.size() != 1) {
            throw new ConfigException("protocol", "expected exactly one of " + allowed + ", such as {grpc: {}} or"
                    + " {http: {path: '\"/oauth2/auth\"'}}");
        }
        String key = written == null ? DEFAULT_PROTOCOL : written.fieldNames().next();
        String at = written == null ? "" : "protocol." + key;
        ExtAuthzProtocolFactory<?> factory = loaded.get(key);
        if (factory == null) {
            throw new ConfigException(at, "unknown protocol \"" + key + "\"; allowed: " + allowed);
        }
        JsonNode value = written == null ? JsonNodeFactory.instance.objectNode() : written.get(key);
        return create(factory, value, at, settings, context);
    }

    private static <C> AuthzCheck create(ExtAuthzProtocolFactory<C> factory, JsonNode value, String at, CheckSettings settings,
                                         FactoryContext context) throws ConfigException {
        return factory.create(context.bind(value, factory.configType(), at), settings, context);
    }

    /** The protocols plugins offer, by key; a key two plugins offer is a config error. */
    private static Map<String, ExtAuthzProtocolFactory<?>> loaded(FactoryContext context) throws ConfigException {
        Map<String, ExtAuthzProtocolFactory<?>> loaded = new TreeMap<>();
        for (ExtAuthzProtocolFactory<?> factory : context.extensions(ExtAuthzProtocolFactory.class)) {
            ExtAuthzProtocolFactory<?> previous = loaded.putIfAbsent(factory.type(), factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                throw new ConfigException("protocol", "two plugins offer the extAuthz protocol \"" + factory.type() + "\": "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return loaded;
    }
}
