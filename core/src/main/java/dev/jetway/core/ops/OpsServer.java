package dev.jetway.core.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints, on a small server of their own so that a saturated gateway still answers its probes:
 * admin, {@code /metrics} (Prometheus text) and {@code /healthz/ready} (200 once every listener and plugin is up,
 * 503 while starting or draining).
 */
public final class OpsServer {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final List<ServerConnector> connectors = new ArrayList<>();

    /**
     * @param ready whether the gateway serves its whole config now
     */
    public OpsServer(OpsSettings settings, GatewayMetrics metrics, BooleanSupplier ready, Supplier<AdminHandler.Gateway> admin) {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("jetway-ops");
        server = new Server(threads);
        add(settings.admin(), "admin");
        add(settings.stats(), "stats");
        add(settings.readiness(), "readiness");
        Handler adminHandler = new AdminHandler(admin);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String endpoint = request.getConnectionMetaData().getConnector().getName();
                String path = Request.getPathInContext(request);
                switch (endpoint) {
                    case "admin" -> {
                        return adminHandler.handle(request, response, callback);
                    }
                    case "stats" -> {
                        if (!path.equals("/metrics")) {
                            PlainText.send(response, callback, HttpStatus.NOT_FOUND_404, "metrics are at /metrics\n");
                        } else {
                            response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROMETHEUS_TEXT);
                            Content.Sink.write(response, true, metrics.scrape(), callback);
                        }
                    }
                    default -> {
                        if (!path.equals("/healthz/ready")) {
                            PlainText.send(response, callback, HttpStatus.NOT_FOUND_404, "readiness is at /healthz/ready\n");
                        } else if (ready.getAsBoolean()) {
                            PlainText.send(response, callback, HttpStatus.OK_200, "ready\n");
                        } else {
                            PlainText.send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "not ready\n");
                        }
                    }
                }
                return true;
            }
        });
    }

    private void add(OpsAddress address, String name) {
        if (address == null) {
            return;
        }
        ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost(address.host());
        connector.setPort(address.port());
        connector.setName(name);
        server.addConnector(connector);
        connectors.add(connector);
    }

    public void start() throws Exception {
        if (connectors.isEmpty()) {
            return;
        }
        for (ServerConnector connector : connectors) {
            try {
                connector.open();
            } catch (IOException e) {
                connectors.forEach(ServerConnector::close);
                // The connector's name is the endpoint's: admin, stats or readiness (config.statsAddr, STATS_ADDR).
                String name = connector.getName();
                throw PortUnavailableException.of(name + " endpoint", connector.getHost(), connector.getPort(), "set config."
                        + name + "Addr or " + name.toUpperCase(Locale.ROOT) + "_ADDR to another address, or to off", e);
            }
        }
        server.start();
        for (ServerConnector connector : connectors) {
            LOG.info("{} endpoint on {}:{}", connector.getName(), connector.getHost() == null ? "*" : connector.getHost(),
                    connector.getLocalPort());
        }
    }

    public void stop() throws Exception {
        server.stop();
    }

    /** The port actually bound for an endpoint ({@code admin}, {@code stats}, {@code readiness}), or -1 when off. */
    public int port(String endpoint) {
        return connectors.stream().filter(c -> c.getName().equals(endpoint)).mapToInt(ServerConnector::getLocalPort)
                .findFirst().orElse(-1);
    }
}
