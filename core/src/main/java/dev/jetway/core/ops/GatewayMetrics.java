package dev.jetway.core.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.jetway.api.GatewayAttributes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.NanoTime;

/**
 * The gateway's Prometheus registry: requests by bind, listener, route, backend and status class with their
 * durations, TLS handshakes, connections, Jetty's thread pool, the JVM, config reloads, and whatever plugins
 * register (MCP sessions and tool calls).
 */
public final class GatewayMetrics {

    /** Request duration buckets: fine below 100 ms where gateways live, coarse up to long MCP calls. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = newRegistry();
    private final Counter reloads = Counter.builder("jetway.config.reloads")
            .description("Config changes applied since start").register(registry);
    private final Counter reloadFailures = Counter.builder("jetway.config.reload.failures")
            .description("Config changes refused (invalid) or failed to apply; the previous config kept serving")
            .register(registry);

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Jetty's connection binder fills its byte counts only on a NetworkTrafficServerConnector, whose callback per
        // buffer the hot path does without: the series would always read 0.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("jetty.connections.bytes"));
        return registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The metrics in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    public void bind(Server server) {
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry);
    }

    /** Counts the connections and TLS handshakes of a bind's connector, and shows its connection limit. */
    public void bind(ServerConnector connector, String bind) {
        connector.addBean(new JettyConnectionMetrics(registry, connector, Tags.of("bind", bind)));
        connector.addBean(new HandshakeMetrics(registry, bind));
        NetworkConnectionLimit limit = connector.getBean(NetworkConnectionLimit.class);
        if (limit != null) {
            // A port opened again after a reload shows its new connector, not the one that closed.
            registry.find("jetway.connections.limit").tag("bind", bind).meters().forEach(registry::remove);
            registry.find("jetway.connections.open").tag("bind", bind).meters().forEach(registry::remove);
            Gauge.builder("jetway.connections.limit", limit, NetworkConnectionLimit::getMaxNetworkConnectionCount)
                    .description("Connections a bind accepts at once; beyond, new ones wait in the kernel's backlog")
                    .tags("bind", bind).register(registry);
            Gauge.builder("jetway.connections.open", limit, NetworkConnectionLimit::getNetworkConnectionCount)
                    .description("Connections open on a bind").tags("bind", bind).register(registry);
        }
    }

    /** Counts connections of a bind closed because their request headers came too slowly. */
    public Runnable lateHeaders(String bind) {
        Counter late = Counter.builder("jetway.connections.header.timeouts")
                .description("Connections closed for not sending request headers in time (slowloris)")
                .tags("bind", bind).register(registry);
        return late::increment;
    }

    public void reloaded() {
        reloads.increment();
    }

    public void reloadFailed() {
        reloadFailures.increment();
    }

    /** Where a request went: the labels of its meters. */
    private record Labels(String bind, String listener, String route, String backend, int statusClass) {
    }

    /** The meters of one set of labels, found again by a map lookup instead of built for every request. */
    private record Meters(Counter requests, Timer duration) {
    }

    private final Map<Labels, Meters> meters = new ConcurrentHashMap<>();

    /** Records a completed request. */
    void request(Request request, Response response) {
        Labels labels = new Labels(request.getConnectionMetaData().getConnector().getName(),
                attribute(request, GatewayAttributes.LISTENER), attribute(request, GatewayAttributes.ROUTE),
                attribute(request, GatewayAttributes.BACKEND), response.getStatus() / 100);
        Meters found = meters.computeIfAbsent(labels, this::register);
        found.requests().increment();
        found.duration().record(NanoTime.since(request.getHeadersNanoTime()), TimeUnit.NANOSECONDS);
    }

    private Meters register(Labels labels) {
        Counter requests = Counter.builder("jetway.requests").description("Requests served, by where they went and how they ended")
                .tags("bind", labels.bind(), "listener", labels.listener(), "route", labels.route(),
                        "backend", labels.backend(), "status", labels.statusClass() + "xx")
                .register(registry);
        Timer duration = Timer.builder("jetway.request.duration").description("Time from request headers to the end of the response")
                .serviceLevelObjectives(BUCKETS)
                .tags("bind", labels.bind(), "listener", labels.listener(), "route", labels.route())
                .register(registry);
        return new Meters(requests, duration);
    }

    private static String attribute(Request request, String name) {
        Object value = request.getAttribute(name);
        return value == null ? "none" : value.toString();
    }
}
