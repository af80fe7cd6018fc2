package dev.jetway.plugin.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An upstream that reads a request and never answers, on a plain socket, so that a test can see when the gateway
 * closes the connection: a server framework would only notice on its next read or write.
 */
final class SilentUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    private SilentUpstream(ServerSocket server) {
        this.server = server;
        this.thread = new Thread(this::serve, "silent-upstream");
        thread.setDaemon(true);
        thread.start();
    }

    static SilentUpstream start() throws IOException {
        return new SilentUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Whether the gateway closed the connection of its first request within {@code time}. */
    boolean closedWithin(Duration time) throws InterruptedException {
        return closed.await(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serve() {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            while (in.read() >= 0) {
                // the request, then nothing until the gateway hangs up
            }
            closed.countDown();
        } catch (IOException e) {
            closed.countDown(); // a reset is a close too
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
