package dev.jetway.core.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.databind.JsonNode;

import dev.jetway.core.config.BindConfig;
import dev.jetway.core.config.ConfigBinder;
import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.config.GlobalSettings;
import dev.jetway.core.config.InvalidConfigException;
import dev.jetway.core.config.Problems;
import dev.jetway.core.listener.BindHandler;
import dev.jetway.core.listener.BindState;
import dev.jetway.core.listener.GatewayListener;
import dev.jetway.core.listener.ListenerAssembler;
import dev.jetway.core.ops.LogLevels;
import dev.jetway.core.ops.OpsSettings;
import dev.jetway.core.ops.RequestObserver;
import dev.jetway.core.plugin.PluginInvoker;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.core.routing.ChainAssembler;
import dev.jetway.core.routing.RouteAssembler;
import dev.jetway.core.routing.RouteCache;
import dev.jetway.core.telemetry.TelemetryAssembler;
import dev.jetway.core.telemetry.TelemetryPlan;
import dev.jetway.core.tls.ConscryptSupport;
import dev.jetway.core.tls.ListenerTlsBuilder;
import dev.jetway.core.upstream.UpstreamClients;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns a parsed config into a {@link GatewayPlan}: every listener, route, backend and policy built, nothing opened or
 * started, or an {@link InvalidConfigException} with every problem found. A config that fails never runs half-way.
 */
final class GatewayAssembler {

    private final PluginRegistry registry;
    private final GatewayOptions options;
    private final UpstreamClients clients;
    private final ConfigBinder binder = new ConfigBinder();

    private final MeterRegistry meters;

    GatewayAssembler(PluginRegistry registry, GatewayOptions options, UpstreamClients clients, MeterRegistry meters) {
        this.registry = registry;
        this.options = options;
        this.clients = clients;
        this.meters = meters;
    }

    /** @param running route chains of the running config that may be kept */
    GatewayPlan assemble(ConfigDocument document, RouteCache running) throws InvalidConfigException {
        Problems problems = new Problems(document);
        GatewayConfig config = binder.bind(document.root(), GatewayConfig.class, ConfigPath.ROOT, problems).orElse(null);
        problems.throwIfAny();
        UnsupportedSettings.check(config, problems);
        GlobalSettings settings = config.config();
        if (settings.tlsProvider() == GlobalSettings.TlsProvider.CONSCRYPT) {
            ConscryptSupport.unavailableReason().ifPresent(reason ->
                    problems.add(ConfigPath.ROOT.key("config").key("tlsProvider"), reason + "; use tlsProvider: jdk"));
        }
        SecretKey sessionKey = SessionKeys.resolve(settings.session(), options.environment(), problems);
        OpsSettings ops = OpsSettings.resolve(settings, options.environment(), problems);
        String logLevels = logLevels(settings, problems);
        TelemetryPlan telemetry = TelemetryAssembler.assemble(config, problems);

        Path configDir = document.baseDir();
        Path refsDir = refsDir(settings, configDir == null ? options.workingDir() : configDir);
        Set<Path> filesRead = ConcurrentHashMap.newKeySet();
        KernelContext kernel = new KernelContext("the gateway", new KernelContext.Shared(options.workingDir(), configDir,
                refsDir, sessionKey, registry, clients, meters, filesRead, document.variables()), null, null);
        String fingerprint = refsDir + "|" + (sessionKey == null ? "" : HexFormat.of().formatHex(sessionKey.getEncoded()));
        PluginInvoker invoker = new PluginInvoker(binder, problems);
        RouteCache routes = running.fork();
        ChainAssembler chains = new ChainAssembler(registry, invoker, problems, kernel::at, routes, fingerprint);
        chains.defineBackends(config.backends(), ConfigPath.ROOT.key("backends"));
        ListenerAssembler listeners = new ListenerAssembler(problems, binder, invoker, new RouteAssembler(problems, chains),
                new ListenerTlsBuilder(kernel.pem(), settings.tlsProvider()), registry.listenerTls(), kernel::at);

        if (config.binds().isEmpty()) {
            // An empty or truncated file parses as a config without binds: applied, it would close every port.
            problems.addAtKey(ConfigPath.ROOT.key("binds"), "a config needs at least one bind, such as"
                    + " binds: [{port: 3000, listeners: [{routes: [...]}]}]; without one the gateway would serve nothing");
        }
        List<BindPlan> binds = new ArrayList<>();
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
                String key = port == 0 ? "index:" + i : "port:" + port;
                binds.add(new BindPlan(key, port, new BindHandler(new BindState(built))));
            }
        }
        if (ops != null) {
            ops.checkPorts(ports, problems);
        }
        RequestObserver.unwritable(settings.logging().accessLog(), options.workingDir())
                .ifPresent(problem -> problems.add(ConfigPath.ROOT.key("config").key("logging").key("accessLog"), problem));
        problems.throwIfAny();
        if (document.baseDir() != null) {
            filesRead.add(Path.of(document.source()).toAbsolutePath().normalize());
        }
        return new GatewayPlan(new Generation(binds), settings, ops, logLevels, telemetry, routes, Set.copyOf(filesRead),
                SecretRedaction.redact(document));
    }

    /** {@code config.logging.level}, a spec string or a list of them, checked now so that a bad one is a config error. */
    private static String logLevels(GlobalSettings settings, Problems problems) {
        JsonNode level = settings.logging().level();
        if (level == null || level.isNull()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (level.isArray()) {
            level.forEach(part -> parts.add(part.asText()));
        } else {
            parts.add(level.asText());
        }
        String spec = String.join(",", parts);
        try {
            LogLevels.parse(spec);
            return spec;
        } catch (IllegalArgumentException e) {
            problems.add(ConfigPath.ROOT.key("config").key("logging").key("level"), e.getMessage());
            return null;
        }
    }

    private static Path refsDir(GlobalSettings settings, Path beside) {
        String configured = settings.certificateRefsDir();
        return configured == null ? beside.resolve("refs") : beside.resolve(configured);
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
}
