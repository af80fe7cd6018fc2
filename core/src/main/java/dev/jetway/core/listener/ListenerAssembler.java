package dev.jetway.core.listener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.tls.ListenerTlsCustomizer;
import dev.jetway.api.tls.ListenerTlsFactory;
import dev.jetway.core.config.BindConfig;
import dev.jetway.core.config.ConfigBinder;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.ListenerConfig;
import dev.jetway.core.config.ListenerConfig.Protocol;
import dev.jetway.core.config.Problems;
import dev.jetway.core.plugin.PluginInvoker;
import dev.jetway.core.plugin.Registered;
import dev.jetway.core.routing.HostnameMatcher;
import dev.jetway.core.routing.RouteAssembler;
import dev.jetway.core.routing.Router;
import dev.jetway.core.tls.ListenerTlsBuilder;
import dev.jetway.core.tls.ListenerTlsSettings;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Validates the listeners of a bind and builds them: hostname, TLS (kernel keys plus plugin keys) and routes. */
public final class ListenerAssembler {

    private static final List<String> CORE_TLS_KEYS = List.of("cert", "key", "cipherSuites", "minTLSVersion", "maxTLSVersion");

    private final Problems problems;
    private final ConfigBinder binder;
    private final PluginInvoker invoker;
    private final RouteAssembler routes;
    private final ListenerTlsBuilder tls;
    private final Function<String, FactoryContext> contexts;
    private final Map<String, Registered<ListenerTlsFactory<?>>> tlsKeys = new HashMap<>();

    public ListenerAssembler(Problems problems, ConfigBinder binder, PluginInvoker invoker, RouteAssembler routes,
                             ListenerTlsBuilder tls, List<Registered<ListenerTlsFactory<?>>> tlsFactories,
                             Function<String, FactoryContext> contexts) {
        this.problems = problems;
        this.binder = binder;
        this.invoker = invoker;
        this.routes = routes;
        this.tls = tls;
        this.contexts = contexts;
        for (Registered<ListenerTlsFactory<?>> registered : tlsFactories) {
            for (var component : registered.factory().configType().getRecordComponents()) {
                String key = component.getName();
                Registered<ListenerTlsFactory<?>> previous = tlsKeys.putIfAbsent(key, registered);
                if (ListenerTlsSettings.KEYS.contains(key) || previous != null) {
                    throw new IllegalStateException("listener TLS key \"" + key + "\" of " + registered.factory().name()
                            + " from " + registered.source() + " is already owned by "
                            + (previous == null ? "the kernel" : previous.factory().name() + " from " + previous.source()));
                }
            }
        }
    }

    /** The listeners of {@code bind}, or an empty list when any has problems (recorded). */
    public List<GatewayListener> listeners(BindConfig bind, ConfigPath at, int port) {
        int before = problems.size();
        if (bind.listeners().isEmpty()) {
            problems.add(at.key("listeners"), "a bind needs at least one listener");
            return List.of();
        }
        List<GatewayListener> built = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hostnames = new HashSet<>();
        Set<Protocol> protocols = new TreeSet<>();
        for (int i = 0; i < bind.listeners().size(); i++) {
            ListenerConfig config = bind.listeners().get(i);
            ConfigPath p = at.key("listeners").index(i);
            String name = config.name() != null ? config.name() : "listener" + i;
            if (!names.add(name)) {
                problems.add(p.key("name"), "listener name \"" + name + "\" is used twice on port " + port);
            }
            if (!hostnames.add(Objects.toString(config.hostname(), ""))) {
                problems.add(p.key("hostname"), config.hostname() == null
                        ? "only one listener of a bind may have no hostname (the default listener)"
                        : "hostname \"" + config.hostname() + "\" is used by two listeners of this bind");
            }
            protocols.add(config.protocol());
            GatewayListener listener = listener(name, config, p, port);
            if (listener != null) {
                built.add(listener);
            }
        }
        if (protocols.size() > 1) {
            problems.add(at.key("listeners"), "listeners of one bind must share a protocol; found " + protocols
                    + ": use one port for HTTP and another for HTTPS");
        }
        return problems.size() > before ? List.of() : built;
    }

    private GatewayListener listener(String name, ListenerConfig config, ConfigPath at, int port) {
        int before = problems.size();
        String location = "listener \"" + name + "\" on port " + port;
        if (config.hostname() != null && !HostnameMatcher.isValidPattern(config.hostname())) {
            problems.add(at.key("hostname"), "invalid hostname \"" + config.hostname()
                    + "\"; write a name such as api.example.com or a wildcard such as *.example.com");
        }
        if (config.tcpRoutes() != null && !config.tcpRoutes().isNull()) {
            problems.addAtKey(at.key("tcpRoutes"), "tcpRoutes need protocol TCP or TLS, which jetway does not support yet");
        }
        Protocol protocol = config.protocol();
        if (protocol != Protocol.HTTP && protocol != Protocol.HTTPS) {
            problems.add(at.key("protocol"), "protocol " + protocol + " is not supported yet; supported protocols: HTTP, HTTPS");
            return null;
        }
        SslContextFactory.Server sslContextFactory = null;
        List<HttpConfiguration.Customizer> requestCustomizers = new ArrayList<>();
        if (protocol == Protocol.HTTPS) {
            if (config.tls() == null) {
                problems.add(at, "HTTPS listener requires 'tls'");
            } else {
                sslContextFactory = tls(name, config.tls(), at.key("tls"), contexts.apply(location), requestCustomizers);
            }
        } else if (config.tls() != null) {
            problems.addAtKey(at.key("tls"), "tls is only used by HTTPS listeners; set protocol: HTTPS");
        }
        if (config.routes() == null) {
            problems.add(at, "protocol " + protocol + " requires 'routes'");
            return null;
        }
        Router router = routes.router(config.routes(), at.key("routes"), location);
        Handler entry = routes.listenerPolicies(config.policies(), at.key("policies"), location, router);
        if (problems.size() > before) {
            return null;
        }
        return new GatewayListener(name, config.hostname(), sslContextFactory, requestCustomizers, router, entry);
    }

    private SslContextFactory.Server tls(String listener, ObjectNode block, ConfigPath at, FactoryContext context,
                                         List<HttpConfiguration.Customizer> requestCustomizers) {
        ObjectNode kernelKeys = JsonNodeFactory.instance.objectNode();
        Map<Registered<ListenerTlsFactory<?>>, ObjectNode> pluginKeys = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : block.properties()) {
            Registered<ListenerTlsFactory<?>> owner = tlsKeys.get(field.getKey());
            if (ListenerTlsSettings.KEYS.contains(field.getKey())) {
                kernelKeys.set(field.getKey(), field.getValue());
            } else if (owner != null) {
                pluginKeys.computeIfAbsent(owner, o -> JsonNodeFactory.instance.objectNode()).set(field.getKey(), field.getValue());
            } else {
                Set<String> allowed = new TreeSet<>(CORE_TLS_KEYS);
                allowed.addAll(tlsKeys.keySet());
                problems.addAtKey(at.key(field.getKey()), "unknown key \"" + field.getKey() + "\"; allowed keys: "
                        + String.join(", ", allowed));
            }
        }
        List<ListenerTlsCustomizer> customizers = new ArrayList<>();
        pluginKeys.forEach((owner, node) -> {
            ListenerTlsCustomizer customizer = customizer(owner.factory(), node, at, context);
            if (customizer != null) {
                customizers.add(customizer);
                if (customizer.requestCustomizer() != null) {
                    requestCustomizers.add(customizer.requestCustomizer());
                }
            }
        });
        ListenerTlsSettings settings = binder.bind(kernelKeys, ListenerTlsSettings.class, at, problems).orElse(null);
        if (settings == null) {
            return null;
        }
        try {
            return tls.build(listener, settings, customizers);
        } catch (ConfigException e) {
            invoker.report(at, e);
            return null;
        }
    }

    private <C extends Record> ListenerTlsCustomizer customizer(ListenerTlsFactory<C> factory, ObjectNode node, ConfigPath at,
                                                                FactoryContext context) {
        return invoker.invoke(node, at, factory.configType(), config -> factory.create(config, context));
    }
}
