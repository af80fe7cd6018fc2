package dev.jetway.core.listener;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Turns binds into Jetty connectors, one {@link ServerConnector} per port: HTTP/1.1 with h2c for HTTP listeners;
 * TLS, ALPN ({@code h2}, {@code http/1.1}), HTTP/2 and HTTP/1.1 for HTTPS listeners, with SNI choosing among several.
 * Requests reach the bind's listeners through {@link #handler()}.
 */
public final class BindConnectors {

    private final Server server;
    private final String host;
    private final Map<Connector, BindHandler> handlers = new IdentityHashMap<>();
    private final List<ServerConnector> connectors = new ArrayList<>();

    /** @param host the address to listen on; {@code null} for every interface */
    public BindConnectors(Server server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Adds a connector on {@code port} (0 for any free port) serving {@code listeners}, all HTTP or all HTTPS. */
    public ServerConnector add(int port, List<GatewayListener> listeners) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ListenerSelector selector = new ListenerSelector(listeners);
        List<ConnectionFactory> factories = new ArrayList<>();
        if (listeners.get(0).isSecure()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
            secure.setSniRequired(false);
            http.addCustomizer(secure);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            List<ListenerSslConnectionFactory> tls = new ArrayList<>();
            for (GatewayListener listener : listeners) {
                tls.add(new ListenerSslConnectionFactory(listener, selector::select, alpn.getProtocol()));
            }
            boolean oneDefaultListener = listeners.size() == 1 && listeners.get(0).hostname() == null;
            factories.add(oneDefaultListener ? tls.get(0) : new SniDetector(tls.toArray(new ListenerSslConnectionFactory[0])));
            factories.add(alpn);
            factories.add(new HTTP2ServerConnectionFactory(http));
            factories.add(new HttpConnectionFactory(http));
        } else {
            factories.add(new HttpConnectionFactory(http));
            factories.add(new H2cConnectionFactory(http));
        }
        ServerConnector connector = new ServerConnector(server, factories.toArray(new ConnectionFactory[0]));
        connector.setHost(host);
        connector.setPort(port);
        connector.setName("port-" + port);
        server.addConnector(connector);
        connectors.add(connector);
        handlers.put(connector, new BindHandler(listeners, selector));
        return connector;
    }

    public List<ServerConnector> connectors() {
        return List.copyOf(connectors);
    }

    /** The server's handler: each request to the listeners of the connector that accepted it. */
    public Handler handler() {
        return new Dispatcher(handlers);
    }

    private static final class Dispatcher extends Handler.AbstractContainer {
        private final Map<Connector, BindHandler> handlers;

        Dispatcher(Map<Connector, BindHandler> handlers) {
            super(false);
            this.handlers = new IdentityHashMap<>(handlers);
            for (BindHandler handler : handlers.values()) {
                addBean(handler, true);
            }
        }

        @Override
        public List<Handler> getHandlers() {
            return List.copyOf(handlers.values());
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            BindHandler bind = handlers.get(request.getConnectionMetaData().getConnector());
            return bind != null && bind.handle(request, response, callback);
        }
    }
}
