package dev.jetway.core.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Makes the Jetty connector of a bind, one per port: HTTP/1.1 with h2c for HTTP listeners; SNI-chosen TLS, ALPN
 * ({@code h2}, {@code http/1.1}), HTTP/2 and HTTP/1.1 for HTTPS listeners. The connector reads the bind's listeners
 * from {@code state} on every new connection, so a reload changes them without reopening the port.
 */
public final class ConnectorFactory {

    private final Server server;
    private final String host;

    /** @param host the address to listen on; {@code null} for every interface */
    public ConnectorFactory(Server server, String host) {
        this.server = server;
        this.host = host;
    }

    public ServerConnector create(int port, boolean secure, Supplier<BindState> state) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        List<ConnectionFactory> factories = new ArrayList<>();
        if (secure) {
            SecureRequestCustomizer customizer = new SecureRequestCustomizer(false);
            customizer.setSniRequired(false);
            http.addCustomizer(customizer);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            factories.add(new ClientHelloConnectionFactory(state));
            factories.add(alpn);
            factories.add(new HTTP2ServerConnectionFactory(http));
            factories.add(new HttpConnectionFactory(http));
        } else {
            factories.add(new HttpConnectionFactory(http));
            factories.add(new H2cConnectionFactory(http));
        }
        // No acceptor thread: the selector accepts, so a new connection costs no hand-off between threads, and no
        // thread sits blocked in accept() on the one or two cores a gateway often gets; selectors stay Jetty's
        // default for the core count.
        ServerConnector connector = new ServerConnector(server, 0, -1, factories.toArray(new ConnectionFactory[0]));
        connector.setHost(host);
        connector.setPort(port);
        connector.setName(Integer.toString(port)); // the bind label of metrics
        return connector;
    }
}
