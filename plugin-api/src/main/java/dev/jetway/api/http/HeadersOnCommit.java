package dev.jetway.api.http;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A response that edits its headers once, just before they are sent: on the first write, or when the exchange
 * completes without a body. A policy that decorates responses passes this wrapper and {@link #callback} on, so that
 * its headers land on whatever answers further in: the backend (streamed or not), a later policy's 401 or 429, a
 * direct response.
 *
 * <pre>{@code
 * HeadersOnCommit decorated = new HeadersOnCommit(request, response, h -> h.put("X-Frame-Options", "DENY"));
 * return super.handle(request, decorated, decorated.callback(callback));
 * }</pre>
 */
public final class HeadersOnCommit extends Response.Wrapper {

    private final Consumer<HttpFields.Mutable> edit;
    private final AtomicBoolean edited = new AtomicBoolean();

    public HeadersOnCommit(Request request, Response response, Consumer<HttpFields.Mutable> edit) {
        super(request, response);
        this.edit = requireNonNull(edit, "edit");
    }

    /** {@code callback}, which first edits the headers when the exchange succeeds before anything was written. */
    public Callback callback(Callback callback) {
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                beforeCommit();
                super.succeeded();
            }
        };
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
        beforeCommit();
        super.write(last, content, callback);
    }

    private void beforeCommit() {
        if (!isCommitted() && edited.compareAndSet(false, true)) {
            edit.accept(getHeaders());
        }
    }
}
