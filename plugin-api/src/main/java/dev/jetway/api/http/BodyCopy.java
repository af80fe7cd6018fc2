package dev.jetway.api.http;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request that keeps a copy of its body as whoever handles it reads it, up to a limit, and hands the copy over once
 * the last chunk was read. The body streams on untouched and undelayed: a policy that wants to look at the body
 * (mirror it, log a field of it) does so without holding the request back. A body larger than the limit, or one whose
 * reading fails, is {@linkplain Listener#abandoned() abandoned}; one that is never read to its end is neither.
 *
 * <pre>{@code
 * Request copying = new BodyCopy(request, 64 * 1024, body -> LOG.info("{} bytes", body.length));
 * return super.handle(copying, response, callback);
 * }</pre>
 */
public final class BodyCopy extends Request.Wrapper {

    /** What the copy ends with: at most one of these is called, on the thread that read the last chunk. */
    @FunctionalInterface
    public interface Listener {
        /** The whole body, once its last chunk was read; must not block or throw. */
        void copied(byte[] body);

        /** The body grew past the limit or failed; nothing more is copied. Must not block or throw. */
        default void abandoned() {
        }
    }

    private final int limit;
    private final Listener listener;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();

    public BodyCopy(Request request, int limit, Listener listener) {
        super(request);
        this.limit = limit;
        this.listener = requireNonNull(listener, "listener");
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = super.read();
        if (chunk == null || copy == null) {
            return chunk;
        }
        if (Content.Chunk.isFailure(chunk)) {
            abandon();
            return chunk;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        if (copy.size() + bytes.remaining() > limit) {
            abandon();
            return chunk;
        }
        if (bytes.hasArray()) {
            copy.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            byte[] direct = new byte[bytes.remaining()];
            bytes.slice().get(direct);
            copy.writeBytes(direct);
        }
        if (chunk.isLast()) {
            byte[] body = copy.toByteArray();
            copy = null;
            listener.copied(body);
        }
        return chunk;
    }

    private void abandon() {
        copy = null;
        listener.abandoned();
    }
}
