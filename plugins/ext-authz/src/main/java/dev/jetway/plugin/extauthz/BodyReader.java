package dev.jetway.plugin.extauthz;

import java.io.ByteArrayOutputStream;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Promise;

/**
 * Reads the start of a request body without blocking, until it ends or is longer than a limit, for
 * {@code includeRequestBody}. What it read is replayed to the backend by {@link ReplayedRequest}.
 */
final class BodyReader implements Runnable {

    /**
     * @param bytes    what was read: all of the body when {@code complete}, else more than the limit
     * @param complete whether the body ended
     */
    record Read(byte[] bytes, boolean complete) {
    }

    private final Request request;
    private final int limit;
    private final Promise<Read> done;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();

    private BodyReader(Request request, int limit, Promise<Read> done) {
        this.request = request;
        this.limit = limit;
        this.done = done;
    }

    static void read(Request request, int limit, Promise<Read> done) {
        new BodyReader(request, limit, done).run();
    }

    /** Reads what is there, then asks to be called again when more comes. */
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
            byte[] bytes = BufferUtil.toArray(chunk.getByteBuffer());
            read.write(bytes, 0, bytes.length);
            chunk.release();
            if (chunk.isLast() || read.size() > limit) {
                done.succeeded(new Read(read.toByteArray(), chunk.isLast()));
                return;
            }
        }
    }
}
