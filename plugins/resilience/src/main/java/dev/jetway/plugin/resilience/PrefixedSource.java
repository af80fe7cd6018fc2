package dev.jetway.plugin.resilience;

import java.nio.ByteBuffer;

import org.eclipse.jetty.io.Content;

/** A body of which the start was already read: that start first, then the rest from where it was read. */
final class PrefixedSource implements Content.Source {

    private final Content.Source rest;
    private ByteBuffer start;

    PrefixedSource(ByteBuffer start, Content.Source rest) {
        this.start = start;
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
            first = start;
            start = null;
        }
        return first != null ? Content.Chunk.from(first, false) : rest.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
        boolean ready;
        synchronized (this) {
            ready = start != null;
        }
        if (ready) {
            demandCallback.run();
        } else {
            rest.demand(demandCallback);
        }
    }

    @Override
    public void fail(Throwable failure) {
        rest.fail(failure);
    }
}
