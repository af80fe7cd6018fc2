package dev.jetway.core.listener;

import java.nio.ByteBuffer;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * The TLS side of one HTTPS listener. Its connections remember their listener, so that requests on them reach that
 * listener's routes; on a bind with several HTTPS listeners it recognises only the ClientHellos whose server name
 * selects its listener.
 */
final class ListenerSslConnectionFactory extends SslConnectionFactory {

    private final GatewayListener listener;
    private final Function<String, GatewayListener> selector;

    /**
     * @param selector the bind's listener for a server name ({@code null} name: no SNI)
     */
    ListenerSslConnectionFactory(GatewayListener listener, Function<String, GatewayListener> selector, String nextProtocol) {
        super(listener.tls(), nextProtocol);
        this.listener = listener;
        this.selector = selector;
    }

    GatewayListener listener() {
        return listener;
    }

    @Override
    public Detection detect(ByteBuffer buffer) {
        ClientHelloSni.Result hello = ClientHelloSni.parse(buffer);
        return switch (hello.status()) {
            case NEED_MORE_BYTES -> Detection.NEED_MORE_BYTES;
            case NOT_TLS -> Detection.NOT_RECOGNIZED;
            case COMPLETE -> selector.apply(hello.serverName()) == listener ? Detection.RECOGNIZED : Detection.NOT_RECOGNIZED;
        };
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        return new ListenerSslConnection(connector, endPoint, engine, this);
    }

    /** An {@link SslConnection} that knows the listener it was accepted for. */
    static final class ListenerSslConnection extends SslConnection {
        private final GatewayListener listener;

        ListenerSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine, ListenerSslConnectionFactory factory) {
            super(connector.getByteBufferPool(), connector.getExecutor(), factory.getSslContextFactory(), endPoint, engine,
                    factory.isDirectBuffersForEncryption(), factory.isDirectBuffersForDecryption());
            this.listener = factory.listener;
        }

        GatewayListener listener() {
            return listener;
        }
    }
}
