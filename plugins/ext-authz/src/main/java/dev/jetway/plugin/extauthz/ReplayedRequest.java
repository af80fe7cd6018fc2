package dev.jetway.plugin.extauthz;

import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** The request as the backend reads it after {@link BodyReader} took the start of its body: that start, then the rest. */
final class ReplayedRequest extends Request.Wrapper {

    private final byte[] start;
    private final boolean complete;
    private boolean replayed;

    ReplayedRequest(Request request, BodyReader.Read read) {
        super(request);
        this.start = read.bytes();
        this.complete = read.complete();
    }

    @Override
    public Content.Chunk read() {
        if (!replayed) {
            replayed = true;
            return Content.Chunk.from(ByteBuffer.wrap(start), complete);
        }
        return complete ? Content.Chunk.EOF : super.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
        if (!replayed || complete) {
            // read() has a chunk ready.
            demandCallback.run();
        } else {
            super.demand(demandCallback);
        }
    }
}
