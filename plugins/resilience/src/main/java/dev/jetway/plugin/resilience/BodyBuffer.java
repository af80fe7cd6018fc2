package dev.jetway.plugin.resilience;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body into memory, without blocking, up to a bound: what a retry replays. A body over the bound is
 * not read further; what was read of it is handed over, for the one attempt that then streams the rest.
 */
final class BodyBuffer implements Runnable {

    /** Where the body goes. */
    interface Done {
        void buffered(ByteBuffer body);

        /** The body is larger than the bound: {@code start} is what was read of it, the rest is still unread. */
        void tooLarge(ByteBuffer start);

        void unreadable(Throwable failure);
    }

    private final Request request;
    private final int limit;
    private final Done done;
    private byte[] bytes;
    private int size;

    BodyBuffer(Request request, int limit, Done done) {
        this.request = request;
        this.limit = limit;
        this.done = done;
        long length = request.getLength();
        this.bytes = new byte[length > 0 && length <= limit ? (int) length : 0];
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                done.unreadable(chunk.getFailure());
                return;
            }
            append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (size > limit) {
                done.tooLarge(ByteBuffer.wrap(bytes, 0, size));
                return;
            }
            if (last) {
                done.buffered(ByteBuffer.wrap(bytes, 0, size));
                return;
            }
        }
    }

    private void append(ByteBuffer content) {
        int n = content.remaining();
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + n, Math.min(2 * bytes.length, limit + 1)));
        }
        content.get(bytes, size, n);
        size += n;
    }
}
