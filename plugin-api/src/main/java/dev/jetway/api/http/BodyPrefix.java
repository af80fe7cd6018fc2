package dev.jetway.api.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Promise;

/**
 * The start of a request body, read without blocking until the body ends or is longer than a limit: all of a small
 * body (to parse it, or to replay it on a retry), or the first bytes of a large one (for an authorization check, or
 * to know it is too large). What was read is no longer in the request: a policy that passes the request on replays
 * it in front of the rest.
 *
 * <pre>{@code
 * BodyPrefix.read(request, 64 * 1024, Promise.from(prefix -> {
 *     if (prefix.complete()) replay(prefix.bytes()); else tooLarge();
 * }, failure -> unreadable(failure)));
 * }</pre>
 *
 * @param bytes    what was read: the whole body when {@code complete}, else more than the limit (at most one chunk more)
 * @param complete whether the body ended within the limit
 */
public record BodyPrefix(ByteBuffer bytes, boolean complete) {

    /** Reads {@code request}'s body until it ends or exceeds {@code limit} bytes; a read failure fails the promise. */
    public static void read(Request request, int limit, Promise<BodyPrefix> done) {
        new Reader(request, limit, done).run();
    }

    /** This prefix, then what {@code rest} (the request it was read from) still holds: nothing, when it was complete. */
    public Content.Source then(Content.Source rest) {
        return new PrefixThenRest(bytes.duplicate(), complete, rest);
    }

    /** {@code request} as a backend reads it after this prefix was taken from it: the prefix, then the rest. */
    public Request replayedIn(Request request) {
        Content.Source body = then(request);
        return new Request.Wrapper(request) {
            @Override
            public long getLength() {
                return body.getLength();
            }

            @Override
            public Content.Chunk read() {
                return body.read();
            }

            @Override
            public void demand(Runnable demandCallback) {
                body.demand(demandCallback);
            }

            @Override
            public void fail(Throwable failure) {
                body.fail(failure);
            }
        };
    }

    /** The bytes as an array of their own. */
    public byte[] toArray() {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }

    private static final class PrefixThenRest implements Content.Source {
        private final boolean complete;
        private final Content.Source rest;
        private ByteBuffer prefix;

        PrefixThenRest(ByteBuffer prefix, boolean complete, Content.Source rest) {
            this.prefix = prefix;
            this.complete = complete;
            this.rest = rest;
        }

        @Override
        public long getLength() {
            return rest.getLength();
        }

        @Override
        public Content.Chunk read() {
            ByteBuffer first;
            synchronized (this) {
                first = prefix;
                prefix = null;
            }
            if (first != null) {
                return Content.Chunk.from(first, complete);
            }
            return complete ? Content.Chunk.EOF : rest.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            boolean ready;
            synchronized (this) {
                ready = prefix != null || complete;
            }
            if (ready) {
                demandCallback.run(); // read() has a chunk ready
            } else {
                rest.demand(demandCallback);
            }
        }

        @Override
        public void fail(Throwable failure) {
            rest.fail(failure);
        }
    }

    private static final class Reader implements Runnable {
        private final Request request;
        private final int limit;
        private final Promise<BodyPrefix> done;
        private byte[] read;
        private int size;

        Reader(Request request, int limit, Promise<BodyPrefix> done) {
            this.request = request;
            this.limit = limit;
            this.done = done;
            long length = request.getLength();
            this.read = new byte[length > 0 && length <= limit ? (int) length : Math.min(limit + 1, 8192)];
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
                    done.failed(chunk.getFailure());
                    return;
                }
                append(chunk.getByteBuffer());
                boolean last = chunk.isLast();
                chunk.release();
                if (last || size > limit) {
                    done.succeeded(new BodyPrefix(ByteBuffer.wrap(read, 0, size), last && size <= limit));
                    return;
                }
            }
        }

        private void append(ByteBuffer content) {
            int n = content.remaining();
            if (size + n > read.length) {
                read = Arrays.copyOf(read, Math.max(size + n, Math.min(2 * read.length, limit + 1)));
            }
            content.get(read, size, n);
            size += n;
        }
    }
}
