package dev.jetway.core.server;

import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A built gateway: a Jetty server with one connector per bind. */
public final class Gateway {

    private final Server server;
    private final List<ServerConnector> connectors;

    Gateway(Server server, List<ServerConnector> connectors) {
        this.server = server;
        this.connectors = List.copyOf(connectors);
    }

    /** Opens every port and starts every plugin; on failure everything started is stopped again. */
    public void start() throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    public void stop() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    public Server server() {
        return server;
    }

    /** The port actually bound for the {@code bindIndex}-th bind (useful with {@code port: 0}). */
    public int port(int bindIndex) {
        return connectors.get(bindIndex).getLocalPort();
    }

    public List<ServerConnector> connectors() {
        return connectors;
    }
}
