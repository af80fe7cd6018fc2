package dev.jetway.core.listener;

import javax.net.ssl.SSLEngine;

import dev.jetway.core.ops.RefusedClientCertificates;
import dev.jetway.core.tls.ConscryptSupport;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * The TLS side of one HTTPS listener. Its connections remember the server name (SNI) they were accepted for, so
 * that each request on them reaches the listener that name selects in the config in force at the time, including
 * after a reload.
 */
final class ListenerSslConnectionFactory extends SslConnectionFactory {

    private static final ThreadLocal<String> SERVER_NAME = new ThreadLocal<>();

    ListenerSslConnectionFactory(GatewayListener listener, String nextProtocol) {
        super(listener.tls(), nextProtocol);
        if (ConscryptSupport.PROVIDER.equals(listener.tls().getProvider())) {
            // BoringSSL reads and writes direct buffers in place; heap ones it copies through a direct buffer of its own.
            setDirectBuffersForEncryption(true);
            setDirectBuffersForDecryption(true);
        }
        if (listener.tls().getNeedClientAuth()) {
            addBean(new RefusedClientCertificates(listener.name()));
        }
    }

    /** Opens the TLS connection for a ClientHello that named {@code serverName} ({@code null}: none). */
    SslConnection newConnection(Connector connector, EndPoint endPoint, String serverName) {
        SERVER_NAME.set(serverName);
        try {
            return (SslConnection) newConnection(connector, endPoint);
        } finally {
            SERVER_NAME.remove();
        }
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        return new ListenerSslConnection(connector, endPoint, engine, this, SERVER_NAME.get());
    }

    /** An {@link SslConnection} that knows the server name its client asked for. */
    static final class ListenerSslConnection extends SslConnection {
        private final String serverName;

        ListenerSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine, ListenerSslConnectionFactory factory,
                              String serverName) {
            super(connector.getByteBufferPool(), connector.getExecutor(), factory.getSslContextFactory(), endPoint, engine,
                    factory.isDirectBuffersForEncryption(), factory.isDirectBuffersForDecryption());
            this.serverName = serverName;
        }

        String serverName() {
            return serverName;
        }

        @Override
        public void onClose(Throwable cause) {
            super.onClose(cause);
            ConscryptSupport.release(getSSLEngine());
        }
    }
}
