package dev.jetway.core.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections that take too long to send a request's headers: the TLS handshake and the first headers must
 * arrive within the deadline of the connection's opening, and each later request's headers within the deadline of
 * their first byte. A client that trickles a byte a second (slowloris) resets the idle timeout forever; this is the
 * bound nginx calls {@code client_header_timeout}. HTTP/2 connections are left to HTTP/2's own stream limits.
 */
final class RequestHeaderDeadline extends AbstractLifeCycle implements Connection.Listener {

    /** What one network connection has done so far. */
    private static final class Watch {
        final EndPoint network;
        final long opened = System.nanoTime();
        volatile Connection http1;
        volatile boolean exempt;
        long answered = -1;
        long idleSince;
        long bytesWhenIdle;

        Watch(EndPoint network) {
            this.network = network;
        }

        /** Whether the headers of a request have been due for longer than {@code timeout}. */
        boolean late(long now, long timeout) {
            Connection http = http1;
            if (exempt) {
                return false;
            }
            if (http == null) {
                return now - opened > timeout; // still in the TLS handshake or the ClientHello
            }
            long in = http.getMessagesIn();
            long out = http.getMessagesOut();
            if (in > out) {
                answered = -1; // a request is being served: its headers came
                return false;
            }
            if (in != answered) {
                answered = in;
                idleSince = answered == 0 ? opened : now;
                bytesWhenIdle = answered == 0 ? 0 : http.getBytesIn();
                return answered == 0 && http.getBytesIn() > 0 && now - opened > timeout;
            }
            return http.getBytesIn() > bytesWhenIdle && now - idleSince > timeout;
        }
    }

    private final long timeoutNanos;
    private final Scheduler scheduler;
    private final Runnable closed;
    private final Map<EndPoint, Watch> watches = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;

    /** @param closed runs for each connection closed for being late (a metric) */
    RequestHeaderDeadline(long timeoutMillis, Scheduler scheduler, Runnable closed) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.scheduler = scheduler;
        this.closed = closed;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        watches.clear();
    }

    private void schedule() {
        long every = Math.max(100, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4);
        sweep = scheduler.schedule(this::sweep, every, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watch watch : watches.values()) {
            if (watch.late(now, timeoutNanos)) {
                watches.remove(watch.network);
                closed.run();
                watch.network.close(new java.util.concurrent.TimeoutException("request headers not received within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }
        if (isRunning()) {
            schedule();
        }
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint network = network(connection.getEndPoint());
        Watch watch = watches.computeIfAbsent(network, Watch::new);
        if (connection instanceof HTTP2Connection) {
            watch.exempt = true;
        } else if (connection instanceof ConnectionMetaData) {
            watch.http1 = connection;
        }
    }

    /** Only when the network connection is gone: an upgrade (ClientHello to TLS, TLS to HTTP) keeps its watch. */
    @Override
    public void onClosed(Connection connection) {
        EndPoint network = network(connection.getEndPoint());
        if (!network.isOpen()) {
            watches.remove(network);
        }
    }

    private static EndPoint network(EndPoint endPoint) {
        return endPoint instanceof SslConnection.SslEndPoint ssl ? ssl.getSslConnection().getEndPoint() : endPoint;
    }
}
