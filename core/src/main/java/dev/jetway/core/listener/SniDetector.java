package dev.jetway.core.listener;

import java.nio.ByteBuffer;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a new TLS connection to the listener its ClientHello's server name selects; a connection no listener
 * accepts is closed before the handshake, as there is no certificate to answer it with.
 */
final class SniDetector extends DetectorConnectionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SniDetector.class);
    private static final int MAX_CLIENT_HELLO = 16384 + 5;

    SniDetector(ListenerSslConnectionFactory... listeners) {
        super(listeners);
        setInputBufferSize(MAX_CLIENT_HELLO);
    }

    @Override
    protected void nextProtocol(Connector connector, EndPoint endPoint, ByteBuffer buffer) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("No listener for the server name of {}; closing", endPoint);
        }
        endPoint.close();
    }
}
