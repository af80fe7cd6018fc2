package dev.jetway.core.listener;

import java.util.function.Supplier;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;

/** The first protocol of an HTTPS bind: chooses the listener by SNI, then hands over to its TLS. */
final class ClientHelloConnectionFactory extends AbstractConnectionFactory {

    private final Supplier<BindState> state;

    ClientHelloConnectionFactory(Supplier<BindState> state) {
        super("sni");
        this.state = state;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        return configure(new ClientHelloConnection(endPoint, connector, state), connector, endPoint);
    }
}
