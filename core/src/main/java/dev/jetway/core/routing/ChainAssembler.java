package dev.jetway.core.routing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.BackendFactory;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import dev.jetway.api.upstream.UpstreamTls;
import dev.jetway.api.upstream.UpstreamTlsFactory;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.Problems;
import dev.jetway.core.plugin.PluginInvoker;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.core.plugin.Registered;
import org.eclipse.jetty.server.Handler;

/**
 * Builds the plugin part of a route: its backends (by their YAML key, with weights, backend policies and
 * references to top-level {@code backends}) wrapped in its policies (by key, ordered by each policy's order).
 */
public final class ChainAssembler {

    /** agentgateway's backend keys, to tell an unsupported backend from a typo. */
    private static final Set<String> AGENTGATEWAY_BACKENDS = Set.of("service", "host", "dynamic", "mcp", "ai", "aws");

    /** agentgateway's policy keys, to tell an unsupported policy from a typo. */
    private static final Set<String> AGENTGATEWAY_POLICIES = Set.of("requestHeaderModifier", "responseHeaderModifier",
            "requestRedirect", "urlRewrite", "requestMirror", "directResponse", "cors", "mcpAuthorization",
            "authorization", "mcpAuthentication", "a2a", "ai", "backendTLS", "backendTunnel", "backendAuth",
            "localRateLimit", "remoteRateLimit", "jwtAuth", "oidc", "basicAuth", "apiKey", "extAuthz", "extProc",
            "transformations", "csrf", "timeout", "retry", "http", "tcp", "health");

    /** A top-level {@code backends[]} entry, found by name. */
    public record NamedBackend(ObjectNode node, ConfigPath path) {
    }

    private final PluginRegistry registry;
    private final PluginInvoker invoker;
    private final Problems problems;
    private final ContextFactory contexts;
    private final RouteCache cache;
    private final String fingerprint;
    private final Map<String, NamedBackend> namedBackends = new HashMap<>();
    private Set<Path> filesRead = new HashSet<>();

    /**
     * @param cache chains of the running config that can be kept
     * @param fingerprint the gateway-wide settings every chain depends on (session key, refs folder, ...)
     */
    public ChainAssembler(PluginRegistry registry, PluginInvoker invoker, Problems problems, ContextFactory contexts,
                          RouteCache cache, String fingerprint) {
        this.registry = registry;
        this.invoker = invoker;
        this.problems = problems;
        this.contexts = contexts;
        this.cache = cache;
        this.fingerprint = fingerprint;
    }

    /** Validates the top-level {@code backends} list and makes its entries referable by name. */
    public void defineBackends(List<ObjectNode> backends, ConfigPath path) {
        for (int i = 0; i < backends.size(); i++) {
            ObjectNode node = backends.get(i);
            ConfigPath at = path.index(i);
            JsonNode name = node.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                problems.add(at, "a backend needs a name, which routes refer to with {backend: <name>}");
                continue;
            }
            if (namedBackends.putIfAbsent(name.asText(), new NamedBackend(node, at)) != null) {
                problems.add(at.key("name"), "backend name \"" + name.asText() + "\" is used twice");
            }
            typeKey(node, at, Set.of("name", "policies"));
        }
    }

    /**
     * The route's backends behind its policies: the running chain when the running config has one built from the same
     * settings, else a new one.
     */
    public Handler route(String routeName, List<JsonNode> backends, ObjectNode policies, ConfigPath path, String location) {
        String key = cacheKey(backends, policies, location);
        Handler running = cache.take(key);
        if (running != null) {
            return running;
        }
        int before = problems.size();
        filesRead = new HashSet<>();
        Handler chain = build(routeName, backends, policies, path, location);
        if (problems.size() == before) {
            cache.put(key, chain, filesRead);
        }
        return chain;
    }

    /** {@code router} behind the listener's policies; problems are recorded. */
    public Handler listenerPolicies(JsonNode policies, ConfigPath at, String location, Router router) {
        if (policies == null || policies.isNull()) {
            return router;
        }
        if (!policies.isObject()) {
            problems.add(at, "expected a mapping of policy names to their settings");
            return router;
        }
        filesRead = new HashSet<>();
        return wrap((ObjectNode) policies, at, PolicyScope.LISTENER, location, router);
    }

    /** What a chain depends on: its own settings, the named backends it refers to, and the gateway-wide settings. */
    private String cacheKey(List<JsonNode> backends, ObjectNode policies, String location) {
        StringBuilder key = new StringBuilder(fingerprint).append('\n').append(location).append('\n')
                .append(policies).append('\n').append(backends);
        for (JsonNode backend : backends) {
            JsonNode reference = backend.get("backend");
            NamedBackend named = reference == null ? null : namedBackends.get(reference.asText());
            if (named != null) {
                key.append('\n').append(named.node());
            }
        }
        return key.toString();
    }

    private Handler build(String routeName, List<JsonNode> backends, ObjectNode policies, ConfigPath path, String location) {
        UpstreamTls routeTls = upstreamTls(policies, path.key("policies"), location);
        List<WeightedBackends.Weighted> built = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            WeightedBackends.Weighted backend = routeBackend(backends.get(i), path.key("backends").index(i), location, routeTls,
                    backends.size() == 1 ? null : i);
            if (backend != null) {
                built.add(backend);
            }
        }
        Handler inner = new WeightedBackends(routeName, built);
        return wrap(policies, path.key("policies"), PolicyScope.ROUTE, location, inner);
    }

    private WeightedBackends.Weighted routeBackend(JsonNode node, ConfigPath at, String location, UpstreamTls routeTls,
                                                   Integer position) {
        if (!node.isObject()) {
            problems.add(at, "expected a mapping with one backend type, such as {host: 10.0.0.1:8080}");
            return null;
        }
        int weight = 1;
        JsonNode w = node.get("weight");
        if (w != null) {
            if (!w.canConvertToInt() || w.asInt() < 0) {
                problems.add(at.key("weight"), "weight must be a whole number, 0 or more");
            } else {
                weight = w.asInt();
            }
        }
        String key = typeKey((ObjectNode) node, at, Set.of("weight", "policies"));
        if (key == null) {
            return null;
        }
        ObjectNode policies = policyNode(node, at);
        UpstreamTls backendTls = upstreamTls(policies, at.key("policies"), location);
        UpstreamTls tls = backendTls != null ? backendTls : routeTls;
        Handler handler;
        if (key.equals("backend")) {
            handler = reference(node.get(key), at.key(key), location, tls);
        } else {
            handler = backend(key, node.get(key), at.key(key), location, tls);
        }
        if (handler == null) {
            return null;
        }
        Handler wrapped = wrap(policies, at.key("policies"), PolicyScope.BACKEND, location, handler);
        String name = key.equals("backend") ? node.get(key).asText() : position == null ? key : key + "#" + position;
        return new WeightedBackends.Weighted(name, wrapped, weight);
    }

    private Handler reference(JsonNode name, ConfigPath at, String location, UpstreamTls referrerTls) {
        NamedBackend target = name != null && name.isTextual() ? namedBackends.get(name.asText()) : null;
        if (target == null) {
            problems.add(at, "no backend named " + name + " in the top-level backends list; defined: "
                    + String.join(", ", new TreeSet<>(namedBackends.keySet())));
            return null;
        }
        String key = typeKey(target.node(), target.path(), Set.of("name", "policies"));
        if (key == null) {
            return null;
        }
        String where = "backend \"" + name.asText() + "\" of " + location;
        ObjectNode policies = policyNode(target.node(), target.path());
        UpstreamTls ownTls = upstreamTls(policies, target.path().key("policies"), where);
        Handler handler = backend(key, target.node().get(key), target.path().key(key), where, ownTls != null ? ownTls : referrerTls);
        return handler == null ? null : wrap(policies, target.path().key("policies"), PolicyScope.BACKEND, where, handler);
    }

    private Handler backend(String key, JsonNode value, ConfigPath at, String location, UpstreamTls tls) {
        Registered<BackendFactory<?>> registered = registry.backends().get(key);
        if (registered == null) {
            String available = String.join(", ", registry.backends().keySet());
            problems.addAtKey(at, (AGENTGATEWAY_BACKENDS.contains(key)
                    ? "backend type \"" + key + "\" is not supported by the loaded plugins"
                    : "unknown backend type \"" + key + "\"") + "; available backend types: " + available);
            return null;
        }
        return create(registered.factory(), value, at, contexts.context(location, tls, filesRead));
    }

    private <C> Handler create(BackendFactory<C> factory, JsonNode value, ConfigPath at, FactoryContext context) {
        return invoker.invoke(value, at, factory.configType(), config -> factory.create(config, context));
    }

    /** Wraps {@code inner} in the policies of a block, outermost first by order; problems are recorded. */
    private Handler wrap(ObjectNode policies, ConfigPath at, PolicyScope scope, String location, Handler inner) {
        if (policies == null) {
            return inner;
        }
        record Built(int order, Handler.Wrapper wrapper) {
        }
        List<Built> built = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : policies.properties()) {
            ConfigPath p = at.key(entry.getKey());
            Registered<PolicyFactory<?>> registered = registry.policies().get(entry.getKey());
            if (registry.upstreamTls().containsKey(entry.getKey())) {
                if (scope == PolicyScope.LISTENER) {
                    problems.addAtKey(p, "policy \"" + entry.getKey() + "\" applies to upstream connections: put it in a"
                            + " route's or a backend's policies");
                }
                continue; // applied to the backends' upstream connections, not to requests
            }
            if (registered == null) {
                Set<String> keys = new TreeSet<>(registry.policies().keySet());
                keys.addAll(registry.upstreamTls().keySet());
                String available = String.join(", ", keys);
                problems.addAtKey(p, (AGENTGATEWAY_POLICIES.contains(entry.getKey())
                        ? "policy \"" + entry.getKey() + "\" is not supported by the loaded plugins"
                        : "unknown policy \"" + entry.getKey() + "\"") + "; available policies: " + available);
                continue;
            }
            PolicyFactory<?> factory = registered.factory();
            if (!factory.scopes().contains(scope)) {
                problems.addAtKey(p, "policy \"" + entry.getKey() + "\" cannot be used in a "
                        + scope.name().toLowerCase(java.util.Locale.ROOT) + "'s policies; it applies to: "
                        + factory.scopes().stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
                continue;
            }
            Handler.Wrapper wrapper = policy(factory, entry.getValue(), p, contexts.context(location, null, filesRead));
            if (wrapper != null) {
                built.add(new Built(factory.order(), wrapper));
            }
        }
        built.sort(Comparator.comparingInt(Built::order));
        Handler handler = inner;
        for (int i = built.size() - 1; i >= 0; i--) {
            Handler.Wrapper wrapper = built.get(i).wrapper();
            wrapper.setHandler(handler);
            handler = wrapper;
        }
        return handler;
    }

    private <C> Handler.Wrapper policy(PolicyFactory<C> factory, JsonNode value, ConfigPath at, FactoryContext context) {
        return invoker.invoke(value, at, factory.configType(), config -> factory.create(config, context));
    }

    /** The upstream settings a policy block sets ({@code backendTLS}), or {@code null}; problems are recorded. */
    private UpstreamTls upstreamTls(ObjectNode policies, ConfigPath at, String location) {
        if (policies == null) {
            return null;
        }
        UpstreamTls found = null;
        for (Map.Entry<String, Registered<UpstreamTlsFactory<?>>> entry : registry.upstreamTls().entrySet()) {
            JsonNode value = policies.get(entry.getKey());
            if (value != null) {
                UpstreamTls tls = upstream(entry.getValue().factory(), value, at.key(entry.getKey()), contexts.context(location, null, filesRead));
                found = found == null ? tls : found;
            }
        }
        return found;
    }

    private <C> UpstreamTls upstream(UpstreamTlsFactory<C> factory, JsonNode value, ConfigPath at, FactoryContext context) {
        return invoker.invoke(value, at, factory.configType(), config -> factory.create(config, context));
    }

    private ObjectNode policyNode(JsonNode node, ConfigPath at) {
        JsonNode policies = node.get("policies");
        if (policies == null || policies.isNull()) {
            return null;
        }
        if (!policies.isObject()) {
            problems.add(at.key("policies"), "expected a mapping of policy names to their settings");
            return null;
        }
        return (ObjectNode) policies;
    }

    /** The one backend-type key of a backend entry, besides {@code ignored}; problems recorded when not exactly one. */
    private String typeKey(ObjectNode node, ConfigPath at, Set<String> ignored) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!ignored.contains(k)) {
                keys.add(k);
            }
        });
        if (keys.size() == 1) {
            return keys.get(0);
        }
        Set<String> available = new TreeSet<>(registry.backends().keySet());
        if (!ignored.contains("name")) {
            available.add("backend");
        }
        problems.add(at, keys.isEmpty()
                ? "a backend needs one backend type; available: " + String.join(", ", available)
                : "a backend has exactly one backend type, found " + keys.size() + ": " + String.join(", ", keys));
        return null;
    }
}
