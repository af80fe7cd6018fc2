package dev.jetway.plugin.mcp.front;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.session.ClientStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * An event stream to a client: events are written one at a time, each flushed as it is written (never held in a
 * buffer), and a comment goes out whenever the stream has been silent for the keep-alive interval, so that proxies
 * and idle timeouts leave it open. Completes the request's callback exactly once, when closed or when the client goes.
 */
final class SseStream implements ClientStream {

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Response response;
    private final Callback callback;
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    private final Writer writer = new Writer();
    private Runnable onClosed = () -> { };
    private ScheduledFuture<?> keepAlive;
    private long keepAliveNanos;
    private long lastWrite = System.nanoTime();
    private boolean started;
    private boolean closing;
    private boolean finished;

    /**
     * A stream that writes nothing until {@link #start}, so that it can be attached to a session (and queue what is
     * waiting there) before the answer is committed.
     */
    SseStream(Response response, Callback callback) {
        this.response = response;
        this.callback = callback;
    }

    /**
     * Starts a 200 event stream: headers go out at once, so the client knows the stream is open.
     *
     * @param headers a chance to add headers (such as the session id) before they are sent
     */
    SseStream start(Request request, ScheduledExecutorService scheduler, Duration keepAlive, Consumer<Response> headers) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, HttpReplies.EVENT_STREAM);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        // nginx and similar proxies buffer responses unless told not to.
        response.getHeaders().put("X-Accel-Buffering", "no");
        headers.accept(response);
        request.addFailureListener(this::clientGone);
        long interval = effectiveKeepAlive(request, keepAlive);
        synchronized (this) {
            keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(interval);
            this.keepAlive = scheduler.scheduleAtFixedRate(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
            started = true;
            queue.addFirst(BufferUtil.EMPTY_BUFFER);
        }
        writer.iterate();
        return this;
    }

    /** Half the connection's idle timeout when that is shorter than the configured interval. */
    static long effectiveKeepAlive(Request request, Duration keepAlive) {
        long idle = request.getConnectionMetaData().getConnector().getIdleTimeout();
        long configured = keepAlive.toMillis();
        return idle > 0 ? Math.max(10, Math.min(configured, idle / 2)) : configured;
    }

    /** Runs once the stream is over, however it ended. */
    synchronized void onClosed(Runnable action) {
        onClosed = action;
    }

    @Override
    public boolean send(ObjectNode message) {
        return event("message", JsonRpc.text(message));
    }

    /** Writes one event; false when the stream is closed. */
    boolean event(String name, String data) {
        StringBuilder event = new StringBuilder(data.length() + 32).append("event: ").append(name).append('\n');
        for (String line : data.split("\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        return enqueue(ByteBuffer.wrap(event.append('\n').toString().getBytes(StandardCharsets.UTF_8)));
    }

    private boolean enqueue(ByteBuffer bytes) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            queue.addLast(bytes);
        }
        writer.iterate();
        return true;
    }

    private void keepAlive() {
        synchronized (this) {
            // Only a silent stream needs one; the timer ticks at the interval, so allow for its jitter.
            if (closing || System.nanoTime() - lastWrite < keepAliveNanos * 9 / 10) {
                return;
            }
        }
        enqueue(ByteBuffer.wrap(KEEP_ALIVE));
    }

    /** Ends the stream after what is queued. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        writer.iterate();
    }

    synchronized boolean isOpen() {
        return !closing;
    }

    private void clientGone(Throwable failure) {
        synchronized (this) {
            closing = true;
            queue.clear();
        }
        writer.abort(failure);
    }

    private void ended() {
        Runnable action;
        synchronized (this) {
            closing = true;
            finished = true;
            action = onClosed;
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
        }
        action.run();
    }

    /** Writes the queue one buffer at a time; Jetty allows one pending write per response. */
    private final class Writer extends IteratingCallback {
        @Override
        protected Action process() {
            ByteBuffer next;
            boolean last;
            synchronized (SseStream.this) {
                if (finished) {
                    return Action.SUCCEEDED;
                }
                if (!started) {
                    return Action.IDLE;
                }
                next = queue.pollFirst();
                last = next == null && closing;
                if (next == null && !closing) {
                    return Action.IDLE;
                }
                if (last) {
                    finished = true;
                }
                lastWrite = System.nanoTime();
            }
            response.write(last, last ? BufferUtil.EMPTY_BUFFER : next, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            ended();
            callback.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            ended();
            callback.failed(cause);
        }
    }
}
