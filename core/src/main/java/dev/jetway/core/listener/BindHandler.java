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
 * The requests of one bind, handed to the listener they belong to: on HTTPS the listener the connection's server
 * name (SNI) selects, on HTTP the one the {@code Host} header selects. The choice is made per request against this
 * generation's listeners, so connections opened before a reload follow the new config.
 */
public final class BindHandler extends Handler.AbstractContainer {

    private final BindState state;

    public BindHandler(BindState state) {
        super(false);
        this.state = state;
        for (GatewayListener listener : state.listeners()) {
            addBean(listener.entry(), true);
        }
    }

    public BindState state() {
        return state;
    }

    @Override
    public List<Handler> getHandlers() {
        return state.listeners().stream().map(GatewayListener::entry).toList();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        GatewayListener listener = listenerOf(request);
        if (listener == null) {
            PlainText.send(response, callback, HttpStatus.NOT_FOUND_404, "no listener on port " + Request.getLocalPort(request)
                    + " for host \"" + Request.getServerName(request) + "\"\n");
            return true;
        }
        request.setAttribute(GatewayAttributes.LISTENER, listener.name());
        Request customized = request;
        for (HttpConfiguration.Customizer customizer : listener.requestCustomizers()) {
            customized = customizer.customize(customized, response.getHeaders());
        }
        return listener.entry().handle(customized, response, callback);
    }

    private GatewayListener listenerOf(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SslConnection.SslEndPoint ssl
                && ssl.getSslConnection() instanceof ListenerSslConnectionFactory.ListenerSslConnection connection) {
            return state.select(connection.serverName());
        }
        return state.select(Request.getServerName(request));
    }
}
