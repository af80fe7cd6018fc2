package dev.jetway.core.server;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;


import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.upstream.UpstreamTls;
import dev.jetway.api.upstream.UpstreamTlsFactory;
import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.InvalidConfigException;
import dev.jetway.core.listener.BindState;
import dev.jetway.core.listener.ConnectorFactory;
import dev.jetway.core.listener.GatewayListener;
import dev.jetway.core.ops.AdminHandler;
import dev.jetway.core.ops.GatewayMetrics;
import dev.jetway.core.ops.LogLevels;
import dev.jetway.core.ops.OpsServer;
import dev.jetway.core.ops.PortUnavailableException;
import dev.jetway.core.ops.RequestObserver;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.core.plugin.Registered;
import dev.jetway.core.routing.RouteCache;
import dev.jetway.core.telemetry.Tracing;
import dev.jetway.core.telemetry.TracingHandler;
import dev.jetway.core.upstream.UpstreamClients;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.IO;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: one Jetty server whose config can be replaced while it serves. {@link #apply} starts the new
 * config's handlers, opens ports it adds, points every port at the new handlers, and retires the previous ones once
 * their requests are done; ports it drops stop accepting and close after the drain time. Route chains whose
 * settings did not change are carried over running.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

    /** A bind's connector and the listeners it serves now (read by the connector for every new connection). */
    private static final class Slot {
        final ServerConnector connector;
        final boolean secure;
        volatile BindState state;

        Slot(ServerConnector connector, boolean secure, BindState state) {
            this.connector = connector;
            this.secure = secure;
            this.state = state;
        }
    }

    private final PluginRegistry registry;
    private final GatewayOptions options;
    private final Server server;
    private final UpstreamClients clients;
    private final Dispatcher dispatcher = new Dispatcher();
    private final ConnectorFactory connectors;
    private final GatewayMetrics metrics;
    private final RequestObserver observer;
    private final Tracing tracing = new Tracing();
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private Generation current;
    private GatewayPlan plan;
    private RouteCache routes = new RouteCache();
    private final Set<Generation> retiring = ConcurrentHashMap.newKeySet();
    private OpsServer ops;
    private volatile boolean ready;
    private volatile Runnable onQuit = this::stopQuietly;

    private Gateway(PluginRegistry registry, GatewayOptions options, Server server, UpstreamClients clients,
                    GatewayMetrics metrics) {
        this.registry = registry;
        this.options = options;
        this.server = server;
        this.clients = clients;
        this.metrics = metrics;
        this.observer = new RequestObserver(metrics);
        this.connectors = new ConnectorFactory(server, options.bindAddress());
        server.setErrorHandler(new PlainTextErrorHandler());
        server.addBean(clients, true);
        server.addBean(tracing, true);
        server.setHandler(new TracingHandler(dispatcher, tracing));
        server.setRequestLog(observer);
        metrics.bind(server);
    }

    /** A gateway with no config yet: give it one with {@link #plan} and {@link #start}. */
    public static Gateway create(PluginRegistry registry, GatewayOptions options) throws ConfigException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetway");
        Server server = new Server(threads);
        KernelContext context = new KernelContext("upstream TLS defaults", KernelContext.Shared.outsideAConfig(options, registry,
                null, null), null, null);
        UpstreamTls defaults = null;
        // With several upstream TLS plugins the first key decides; today there is one, backendTLS.
        for (Registered<UpstreamTlsFactory<?>> registered : registry.upstreamTls().values()) {
            defaults = registered.factory().defaults(context);
            break;
        }
        return new Gateway(registry, options, server, new UpstreamClients(server, defaults), new GatewayMetrics());
    }

    /** Validates and builds {@code document} against this gateway, keeping running route chains where it can. */
    public GatewayPlan plan(ConfigDocument document) throws InvalidConfigException {
        RouteCache running;
        synchronized (this) {
            running = routes;
        }
        return new GatewayAssembler(registry, options, clients, metrics.registry()).assemble(document, running);
    }

    /**
     * Opens the operations endpoints, starts the server and serves {@code first}; ready once all of it is up. On
     * failure everything started is stopped again.
     */
    public synchronized void start(GatewayPlan first) throws Exception {
        ops = new OpsServer(first.ops(), metrics, () -> ready, () -> new AdminView());
        try {
            ops.start();
            server.start();
            apply(first);
        } catch (Exception e) {
            if (current != null) {
                current.stop();
            }
            server.stop();
            ops.stop();
            throw e;
        }
        ready = true;
    }

    /** What the admin endpoint shows and does. */
    private final class AdminView implements AdminHandler.Gateway {
        @Override
        public JsonNode config() {
            return plan().effective();
        }

        @Override
        public List<Map<String, Object>> plugins() {
            return registry.describe();
        }

        @Override
        public void quit() {
            onQuit.run();
        }
    }

    /** What {@code POST /quitquitquit} does; by default a graceful {@link #stop()}. */
    public void onQuit(Runnable action) {
        this.onQuit = action;
    }

    /** Swaps in {@code next} without dropping requests in flight; on failure the running config stays. */
    public synchronized void apply(GatewayPlan next) throws Exception {
        Generation generation = next.generation();
        generation.attach(server);
        try {
            generation.start();
        } catch (Exception e) {
            generation.release(next.routes().reused());
            generation.stop();
            throw e;
        }
        Map<String, Slot> nextSlots = new LinkedHashMap<>();
        List<ServerConnector> opened = new ArrayList<>();
        List<Slot> closing = new ArrayList<>();
        try {
            for (BindPlan bind : generation.binds()) {
                Slot slot = slots.get(bind.key());
                if (slot == null || slot.secure != bind.isSecure()) {
                    if (slot != null) {
                        close(slot, Duration.ZERO); // the port changes protocol: it must be free for the new connector
                        slots.remove(bind.key());
                    }
                    slot = open(bind, opened);
                }
                nextSlots.put(bind.key(), slot);
            }
        } catch (Exception e) {
            for (ServerConnector connector : opened) {
                connector.stop();
                server.removeConnector(connector);
            }
            generation.release(next.routes().reused());
            generation.stop();
            throw e;
        }
        Duration drain = Drain.of(next.settings());
        observer.configure(next.settings().logging(), next.telemetry().accessLog(), options.workingDir());
        tracing.configure(next.telemetry().tracing(), drain, server.getScheduler());
        if (next.logLevels() != null) {
            LogLevels.apply(next.logLevels());
        }
        Map<Connector, BindPlan> routing = new IdentityHashMap<>();
        for (BindPlan bind : generation.binds()) {
            Slot slot = nextSlots.get(bind.key());
            slot.state = bind.handler().state();
            routing.put(slot.connector, bind);
        }
        List<Connector> removed = new ArrayList<>();
        slots.forEach((key, slot) -> {
            if (!nextSlots.containsKey(key)) {
                closing.add(slot);
                removed.add(slot.connector);
            }
        });
        dispatcher.route(routing, generation, removed);
        closing.forEach(slot -> close(slot, drain));
        slots.clear();
        slots.putAll(nextSlots);

        Generation previous = current;
        current = generation;
        plan = next;
        routes = next.routes();
        if (previous != null) {
            previous.release(next.routes().reused());
            retire(previous, drain);
        }
    }

    private Slot open(BindPlan bind, List<ServerConnector> opened) throws Exception {
        Slot[] holder = new Slot[1];
        String name = Integer.toString(bind.port());
        ServerConnector connector = connectors.create(bind.port(), bind.isSecure(), () -> holder[0].state, metrics.lateHeaders(name));
        holder[0] = new Slot(connector, bind.isSecure(), bind.handler().state());
        metrics.bind(connector, name);
        server.addConnector(connector);
        opened.add(connector);
        try {
            connector.start();
        } catch (IOException e) {
            List<String> names = bind.handler().state().listeners().stream().map(l -> "\"" + l.name() + "\"").toList();
            throw PortUnavailableException.of((names.size() == 1 ? "listener " : "listeners ") + String.join(", ", names),
                    connector.getHost(), bind.port(), "the bind's port: choose a free one, or stop the process that holds it", e);
        }
        LOG.info("Listening on {}:{} ({})", connector.getHost() == null ? "*" : connector.getHost(), connector.getLocalPort(),
                String.join(", ", connector.getProtocols()));
        return holder[0];
    }

    /** Stops accepting on the slot's port now, and closes its connections once drained or after {@code drain}. */
    private void close(Slot slot, Duration drain) {
        ServerConnector connector = slot.connector;
        stopAccepting(connector);
        Runnable stop = () -> {
            try {
                connector.stop();
                server.removeConnector(connector);
                LOG.info("Closed port {}", connector.getPort());
            } catch (Exception e) {
                LOG.warn("Error closing port {}", connector.getPort(), e);
            }
        };
        if (drain.isZero()) {
            stop.run();
        } else {
            server.getScheduler().schedule(stop, drain.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops a replaced generation once its requests are done, or after {@code drain}. */
    private void retire(Generation previous, Duration drain) {
        retiring.add(previous);
        long deadline = System.nanoTime() + drain.toNanos();
        Runnable check = new Runnable() {
            @Override
            public void run() {
                if (previous.inFlight() > 0 && System.nanoTime() < deadline) {
                    server.getScheduler().schedule(this, 50, TimeUnit.MILLISECONDS);
                    return;
                }
                try {
                    previous.stop();
                } catch (Exception e) {
                    LOG.warn("Error stopping the previous config's handlers", e);
                } finally {
                    retiring.remove(previous);
                }
            }
        };
        server.getScheduler().schedule(check, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * Refuses new connections at once, connections open stay. Jetty's {@code shutdown()} closes the listening socket
     * only for connectors with acceptor threads; ours accept on their selector (see {@code ConnectorFactory}), so it
     * is closed here, rather than letting the kernel queue connections nobody will serve.
     */
    private static void stopAccepting(ServerConnector connector) {
        connector.setAccepting(false);
        connector.shutdown();
        IO.close((Closeable) connector.getTransport());
    }

    /**
     * Stops gracefully: no new connections, requests in flight finish within the drain time ({@code
     * config.connectionTerminationDeadline}), then everything stops, MCP sessions and child processes included.
     */
    public void stop() throws Exception {
        Duration drain;
        Generation serving;
        ready = false;
        synchronized (this) {
            drain = plan == null ? Duration.ZERO : Drain.of(plan.settings());
            serving = current;
            slots.values().forEach(slot -> stopAccepting(slot.connector));
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (serving != null && serving.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // The config's handlers first (MCP sessions end, child processes exit, upstream sessions are deleted over the
        // still-running upstream clients), then the server and its shared parts.
        if (serving != null) {
            serving.stop();
        }
        for (Generation previous : retiring) {
            previous.stop();
        }
        server.stop();
        if (ops != null) {
            ops.stop();
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception e) {
            LOG.warn("Error while stopping", e);
        }
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The port an operations endpoint bound ({@code admin}, {@code stats}, {@code readiness}), or -1 when off. */
    public synchronized int opsPort(String endpoint) {
        return ops == null ? -1 : ops.port(endpoint);
    }

    public void join() throws InterruptedException {
        server.join();
    }

    public Server server() {
        return server;
    }

    /** The port actually bound for the {@code bindIndex}-th bind of the running config (useful with {@code port: 0}). */
    public synchronized int port(int bindIndex) {
        return slots.get(plan.generation().binds().get(bindIndex).key()).connector.getLocalPort();
    }

    /** The listeners the {@code bindIndex}-th bind serves now. */
    public synchronized List<GatewayListener> listeners(int bindIndex) {
        return plan.generation().binds().get(bindIndex).handler().state().listeners();
    }

    /**
     * A factory context outside any config, for building a single backend or policy by hand (handler tests): its
     * files resolve against the working directory, its HTTP client runs once this gateway's server does.
     */
    public FactoryContext context(String location) {
        return new KernelContext(location, KernelContext.Shared.outsideAConfig(options, registry, clients, metrics.registry()),
                null, null);
    }

    /** The running config, for the admin endpoints. */
    public synchronized GatewayPlan plan() {
        return plan;
    }

}
