package dev.jetway.core.listener;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.sun.management.UnixOperatingSystemMXBean;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Makes the Jetty connector of a bind, one per port: HTTP/1.1 with h2c for HTTP listeners; SNI-chosen TLS, ALPN
 * ({@code h2}, {@code http/1.1}), HTTP/2 and HTTP/1.1 for HTTPS listeners. The connector reads the bind's listeners
 * from {@code state} on every new connection, so a reload changes them without reopening the port.
 *
 * <p>What one client can hold is bounded: request headers must arrive within {@link #HEADER_TIMEOUT_MS} (slowloris),
 * request bodies at {@link #MIN_REQUEST_DATA_RATE} bytes a second at least, and a port accepts at most
 * {@link #connectionLimit()} connections at once, below the process's file descriptor limit, so that a flood queues
 * in the kernel's backlog instead of failing every accept with "Too many open files".
 */
public final class ConnectorFactory {

    /** As nginx's {@code client_header_timeout}, with room for a TLS handshake on a slow link. */
    public static final long HEADER_TIMEOUT_MS = 10_000;
    /** Bytes a second a request body must at least arrive at; slower, the request fails with 408. */
    public static final long MIN_REQUEST_DATA_RATE = 1024;
    private static final int FALLBACK_CONNECTION_LIMIT = 10_000;

    private final Server server;
    private final String host;

    /** @param host the address to listen on; {@code null} for every interface */
    public ConnectorFactory(Server server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Connections a port accepts at once: 40% of the file descriptors the process may open, leaving the rest for
     * connections to upstreams (one per proxied connection), child processes and files.
     */
    public static int connectionLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long descriptors = unix.getMaxFileDescriptorCount();
            if (descriptors > 0) {
                return (int) Math.max(64, Math.min(Integer.MAX_VALUE, descriptors * 2 / 5));
            }
        }
        return FALLBACK_CONNECTION_LIMIT;
    }

    /** @param lateHeaders runs for each connection closed for sending its request headers too slowly */
    public ServerConnector create(int port, boolean secure, Supplier<BindState> state, Runnable lateHeaders) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
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
        connector.addBean(new NetworkConnectionLimit(connectionLimit(), connector));
        connector.addBean(new RequestHeaderDeadline(HEADER_TIMEOUT_MS, connector.getScheduler(), lateHeaders));
        return connector;
    }
}
