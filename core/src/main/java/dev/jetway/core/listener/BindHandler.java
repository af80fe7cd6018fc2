package dev.jetway.core.listener;

import java.util.List;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The requests of one bind, handed to the listener they belong to: on HTTPS the listener the TLS connection was
 * accepted for (chosen by SNI), on HTTP the listener the {@code Host} header selects.
 */
final class BindHandler extends Handler.AbstractContainer {

    private final List<GatewayListener> listeners;
    private final ListenerSelector selector;

    BindHandler(List<GatewayListener> listeners, ListenerSelector selector) {
        super(false);
        this.listeners = List.copyOf(listeners);
        this.selector = selector;
        for (GatewayListener listener : listeners) {
            addBean(listener.router(), true);
        }
    }

    @Override
    public List<Handler> getHandlers() {
        return listeners.stream().map(GatewayListener::router).toList();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        GatewayListener listener = listenerOf(request);
        if (listener == null) {
            PlainText.send(response, callback, HttpStatus.NOT_FOUND_404,
                    "no listener on port " + Request.getLocalPort(request) + " for host \"" + Request.getServerName(request) + "\"\n");
            return true;
        }
        request.setAttribute(GatewayAttributes.LISTENER, listener.name());
        Request customized = request;
        for (HttpConfiguration.Customizer customizer : listener.requestCustomizers()) {
            customized = customizer.customize(customized, response.getHeaders());
        }
        return listener.router().handle(customized, response, callback);
    }

    private GatewayListener listenerOf(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SslConnection.SslEndPoint ssl
                && ssl.getSslConnection() instanceof ListenerSslConnectionFactory.ListenerSslConnection connection) {
            return connection.listener();
        }
        return selector.select(Request.getServerName(request));
    }
}
