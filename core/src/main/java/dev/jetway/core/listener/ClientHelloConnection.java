package dev.jetway.core.listener;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import dev.jetway.core.ops.HandshakeMetrics;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.BufferUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first moments of an HTTPS connection: reads the ClientHello without consuming it, picks the listener its
 * server name selects in the current config, and hands the connection, bytes included, to that listener's TLS.
 * A connection no listener takes is closed before the handshake, as there is no certificate to answer it with.
 */
final class ClientHelloConnection extends AbstractConnection implements Connection.UpgradeFrom {

    private static final Logger LOG = LoggerFactory.getLogger(ClientHelloConnection.class);
    static final int MAX_CLIENT_HELLO = 16384 + 5;

    private final Connector connector;
    private final Supplier<BindState> state;
    private final RetainableByteBuffer buffer;
    private boolean released;

    ClientHelloConnection(EndPoint endPoint, Connector connector, Supplier<BindState> state) {
        super(endPoint, connector.getExecutor());
        this.connector = connector;
        this.state = state;
        this.buffer = connector.getByteBufferPool().acquire(MAX_CLIENT_HELLO, true);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            ByteBuffer bytes = buffer.getByteBuffer();
            while (BufferUtil.space(bytes) > 0) {
                int filled = getEndPoint().fill(bytes);
                if (filled < 0) {
                    refused("closed_by_client");
                    close(null);
                    return;
                }
                if (filled == 0) {
                    fillInterested();
                    return;
                }
                ClientHelloSni.Result hello = ClientHelloSni.parse(bytes);
                switch (hello.status()) {
                    case NEED_MORE_BYTES -> {
                        continue;
                    }
                    case NOT_TLS -> {
                        refused("not_tls");
                        close(null);
                        return;
                    }
                    case COMPLETE -> {
                        handOver(hello.serverName());
                        return;
                    }
                }
            }
            refused("client_hello_too_large");
            close(null);
        } catch (Throwable x) {
            LOG.debug("Cannot read the ClientHello on {}", getEndPoint(), x);
            refused("other");
            close(x);
        }
    }

    private void handOver(String serverName) {
        BindState current = state.get();
        GatewayListener listener = current.select(serverName);
        if (listener == null) {
            LOG.debug("No listener for server name {} on {}; closing", serverName, getEndPoint());
            refused("unknown_server_name");
            close(null);
            return;
        }
        Connection next = current.tls(listener).newConnection(connector, getEndPoint(), serverName);
        try {
            getEndPoint().upgrade(next);
        } finally {
            release();
        }
    }

    /**
     * The ClientHello bytes, for the TLS connection to read first. They are lent, not copied: the TLS connection
     * appends them to its own input during {@link EndPoint#upgrade}, after which {@link #handOver} returns the buffer
     * to the pool. (A direct copy per connection, as Jetty's detector makes, is freed only when a GC finds it.)
     */
    @Override
    public ByteBuffer onUpgradeFrom() {
        ByteBuffer bytes = buffer.getByteBuffer();
        return bytes.hasRemaining() ? bytes : null;
    }

    private void refused(String reason) {
        HandshakeMetrics metrics = connector.getBean(HandshakeMetrics.class);
        if (metrics != null) {
            metrics.refused(reason);
        }
    }

    private void close(Throwable failure) {
        release();
        getEndPoint().close(failure);
    }

    private void release() {
        if (!released) {
            released = true;
            buffer.release();
        }
    }
}
