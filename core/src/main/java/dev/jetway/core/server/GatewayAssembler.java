package dev.jetway.core.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.upstream.UpstreamTls;
import dev.jetway.api.upstream.UpstreamTlsFactory;
import dev.jetway.core.config.BindConfig;
import dev.jetway.core.config.ConfigBinder;
import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.config.GlobalSettings;
import dev.jetway.core.config.InvalidConfigException;
import dev.jetway.core.config.Problems;
import dev.jetway.core.listener.BindConnectors;
import dev.jetway.core.listener.GatewayListener;
import dev.jetway.core.listener.ListenerAssembler;
import dev.jetway.core.plugin.PluginInvoker;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.core.plugin.Registered;
import dev.jetway.core.routing.ChainAssembler;
import dev.jetway.core.routing.RouteAssembler;
import dev.jetway.core.tls.ConscryptSupport;
import dev.jetway.core.tls.ListenerTlsBuilder;
import dev.jetway.core.upstream.UpstreamClients;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Turns a parsed config into a ready, not yet started, {@link Gateway}, or fails with every problem found. Nothing
 * is opened or started here, so a config that fails never runs half-way.
 */
public final class GatewayAssembler {

    private final PluginRegistry registry;
    private final GatewayOptions options;
    private final ConfigBinder binder = new ConfigBinder();

    public GatewayAssembler(PluginRegistry registry, GatewayOptions options) {
        this.registry = registry;
        this.options = options;
    }

    public Gateway assemble(ConfigDocument document) throws InvalidConfigException {
        Problems problems = new Problems(document);
        GatewayConfig config = binder.bind(document.root(), GatewayConfig.class, ConfigPath.ROOT, problems).orElse(null);
        problems.throwIfAny();
        unsupported(config, problems);
        GlobalSettings settings = config.config();
        if (settings.tlsProvider() == GlobalSettings.TlsProvider.CONSCRYPT) {
            ConscryptSupport.unavailableReason().ifPresent(reason ->
                    problems.add(ConfigPath.ROOT.key("config").key("tlsProvider"), reason + "; use tlsProvider: jdk"));
        }

        SecretKey sessionKey = SessionKeys.resolve(settings.session(), options.environment(), problems);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetway");
        Server server = new Server(threads);
        server.setErrorHandler(new PlainTextErrorHandler());
        PluginInvoker invoker = new PluginInvoker(binder, problems);
        Path configDir = document.baseDir();
        Path refsDir = refsDir(settings, configDir == null ? options.workingDir() : configDir);
        KernelContext.Shared shared = new KernelContext.Shared(options.workingDir(), configDir, refsDir, sessionKey, registry, null);
        UpstreamClients clients = upstreamClients(server, new KernelContext("upstream TLS defaults", shared, null), problems);
        KernelContext kernel = new KernelContext("the gateway", new KernelContext.Shared(options.workingDir(), configDir,
                refsDir, sessionKey, registry, clients), null);
        server.addBean(clients, true);

        ChainAssembler chains = new ChainAssembler(registry, invoker, problems, kernel::at);
        chains.defineBackends(config.backends(), ConfigPath.ROOT.key("backends"));
        ListenerAssembler listeners = new ListenerAssembler(problems, binder, invoker, new RouteAssembler(problems, chains),
                new ListenerTlsBuilder(kernel.pem(), settings.tlsProvider()), registry.listenerTls(), kernel::at);

        BindConnectors connectors = new BindConnectors(server, options.bindAddress());
        Map<Integer, ConfigPath> ports = new HashMap<>();
        for (int i = 0; i < config.binds().size(); i++) {
            BindConfig bind = config.binds().get(i);
            ConfigPath at = ConfigPath.ROOT.key("binds").index(i);
            Integer port = port(bind, at, problems, ports);
            if (bind.tunnelProtocol() != null && !bind.tunnelProtocol().equals("direct")) {
                problems.add(at.key("tunnelProtocol"), "tunnelProtocol \"" + bind.tunnelProtocol()
                        + "\" is not supported; supported: direct");
            }
            List<GatewayListener> built = listeners.listeners(bind, at, port == null ? 0 : port);
            if (port != null && !built.isEmpty()) {
                connectors.add(port, built);
            }
        }
        problems.throwIfAny();
        server.setHandler(connectors.handler());
        return new Gateway(server, connectors.connectors());
    }

    private static Path refsDir(GlobalSettings settings, Path beside) {
        String configured = settings.certificateRefsDir();
        return configured == null ? beside.resolve("refs") : beside.resolve(configured);
    }

    /** The upstream clients, with what {@code https://} upstreams get by default from the loaded upstream TLS plugin. */
    private UpstreamClients upstreamClients(Server server, KernelContext context, Problems problems) throws InvalidConfigException {
        UpstreamTls defaults = null;
        // With several upstream TLS plugins the first key decides; today there is one, backendTLS.
        for (Registered<UpstreamTlsFactory<?>> registered : registry.upstreamTls().values()) {
            try {
                defaults = registered.factory().defaults(context);
            } catch (ConfigException e) {
                new PluginInvoker(binder, problems).report(ConfigPath.ROOT, e);
            }
            break;
        }
        problems.throwIfAny();
        try {
            return new UpstreamClients(server, defaults);
        } catch (Exception e) {
            problems.add(ConfigPath.ROOT, "cannot set up upstream TLS: " + e.getMessage());
            throw new InvalidConfigException(problems.list());
        }
    }

    private static Integer port(BindConfig bind, ConfigPath at, Problems problems, Map<Integer, ConfigPath> ports) {
        Integer port = bind.port();
        if (port == null) {
            problems.add(at, "port is required");
            return null;
        }
        if (port < 0 || port > 65535) {
            problems.add(at.key("port"), "port " + port + " is out of range 0-65535 (0 picks a free port)");
            return null;
        }
        ConfigPath previous = port == 0 ? null : ports.putIfAbsent(port, at);
        if (previous != null) {
            problems.add(at.key("port"), "port " + port + " is already bound by " + previous
                    + "; put several listeners in one bind instead");
            return null;
        }
        return port;
    }

    /** Refuses, by name, the agentgateway keys jetway does not support yet. */
    private static void unsupported(GatewayConfig config, Problems problems) {
        Map<String, JsonNode> top = new java.util.LinkedHashMap<>();
        top.put("frontendPolicies", config.frontendPolicies());
        top.put("policies", config.policies());
        top.put("workloads", config.workloads());
        top.put("services", config.services());
        top.put("llm", config.llm());
        top.put("mcp", config.mcp());
        top.forEach((key, value) -> reject(ConfigPath.ROOT.key(key), value, problems));
        GlobalSettings s = config.config();
        ConfigPath c = ConfigPath.ROOT.key("config");
        Map<String, JsonNode> settings = new java.util.LinkedHashMap<>();
        settings.put("enableIpv6", s.enableIpv6());
        settings.put("dns", s.dns());
        settings.put("localXdsPath", s.localXdsPath());
        settings.put("caAddress", s.caAddress());
        settings.put("caAuthToken", s.caAuthToken());
        settings.put("xdsAddress", s.xdsAddress());
        settings.put("xdsAuthToken", s.xdsAuthToken());
        settings.put("namespace", s.namespace());
        settings.put("gateway", s.gateway());
        settings.put("trustDomain", s.trustDomain());
        settings.put("serviceAccount", s.serviceAccount());
        settings.put("clusterId", s.clusterId());
        settings.put("network", s.network());
        settings.put("adminAddr", s.adminAddr());
        settings.put("statsAddr", s.statsAddr());
        settings.put("readinessAddr", s.readinessAddr());
        settings.put("connectionTerminationDeadline", s.connectionTerminationDeadline());
        settings.put("connectionMinTerminationDeadline", s.connectionMinTerminationDeadline());
        settings.put("workerThreads", s.workerThreads());
        settings.put("tracing", s.tracing());
        settings.put("logging", s.logging());
        settings.put("metrics", s.metrics());
        settings.put("backend", s.backend());
        settings.put("hbone", s.hbone());
        settings.forEach((key, value) -> reject(c.key(key), value, problems));
    }

    private static void reject(ConfigPath path, JsonNode value, Problems problems) {
        boolean empty = value == null || value.isNull() || (value.isContainerNode() && value.isEmpty());
        if (!empty) {
            problems.addAtKey(path, "\"" + path.lastKey() + "\" is an agentgateway setting that jetway does not support yet");
        }
    }
}
