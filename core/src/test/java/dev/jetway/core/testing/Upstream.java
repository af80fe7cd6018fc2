package dev.jetway.core.testing;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real Jetty HTTP server on 127.0.0.1 and a free port, standing in for an upstream service. */
public final class Upstream implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private Upstream(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static Upstream start(Handler handler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        return new Upstream(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code 127.0.0.1:<port>}, as a {@code host} backend takes it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
