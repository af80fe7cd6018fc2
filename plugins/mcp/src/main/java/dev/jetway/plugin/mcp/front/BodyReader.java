package dev.jetway.plugin.mcp.front;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads a request body without blocking, up to a limit that is checked as bytes arrive, not after. */
final class BodyReader implements Runnable {

    /** What reading ends with: exactly one of these is called. */
    interface Outcome {
        void read(byte[] body);

        void tooLarge();

        void failed(Throwable failure);
    }

    private final Request request;
    private final int limit;
    private final Outcome outcome;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private BodyReader(Request request, int limit, Outcome outcome) {
        this.request = request;
        this.limit = limit;
        this.outcome = outcome;
    }

    static void read(Request request, int limit, Outcome outcome) {
        long declared = request.getLength();
        if (declared > limit) {
            outcome.tooLarge();
            return;
        }
        new BodyReader(request, limit, outcome).run();
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
                outcome.failed(chunk.getFailure());
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            if (body.size() + bytes.remaining() > limit) {
                chunk.release();
                outcome.tooLarge();
                return;
            }
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            body.write(copy, 0, copy.length);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                outcome.read(body.toByteArray());
                return;
            }
        }
    }
}
