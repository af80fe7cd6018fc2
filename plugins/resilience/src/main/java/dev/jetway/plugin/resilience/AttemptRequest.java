package dev.jetway.plugin.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request as one attempt's handlers see it. Its failure listeners run when the request itself fails (the client
 * went away) and when the attempt is {@linkplain #abort aborted} (a deadline passed, the attempt was discarded for a
 * retry), so that handlers that listen, such as the host backend, end their upstream exchange. A replayed attempt
 * reads a buffered copy of the body and keeps the attributes its handlers set to itself until {@link #keepAttributes},
 * so that a discarded attempt leaves nothing behind.
 */
final class AttemptRequest extends Request.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRequest.class);
    static final String RETRY_ATTEMPT = "x-retry-attempt";

    private final HttpFields headers;
    private final Content.Source body;
    private volatile Attributes.Layer layer;
    private final List<Consumer<Throwable>> listeners = new ArrayList<>();
    private Throwable abortedBy;

    private AttemptRequest(Request request, HttpFields headers, Content.Source body, boolean layered) {
        super(request);
        this.headers = headers;
        this.body = body;
        this.layer = layered ? new Attributes.Layer(request) : null;
        request.addFailureListener(this::abort);
    }

    /** The request as it is: its own body, streamed; its own attributes. */
    static AttemptRequest passThrough(Request request) {
        return new AttemptRequest(request, request.getHeaders(), null, false);
    }

    /** The request with its body read from {@code body}, such as what was buffered of it followed by the rest. */
    static AttemptRequest withBody(Request request, Content.Source body) {
        return new AttemptRequest(request, request.getHeaders(), body, false);
    }

    /**
     * Attempt {@code number} (0 for the first) with a copy of the buffered {@code body}; retries carry
     * {@code x-retry-attempt: <number>}.
     */
    static AttemptRequest replay(Request request, int number, java.nio.ByteBuffer body) {
        HttpFields headers = number == 0 ? request.getHeaders()
                : HttpFields.build(request.getHeaders()).put(RETRY_ATTEMPT, Integer.toString(number)).asImmutable();
        return new AttemptRequest(request, headers, new org.eclipse.jetty.io.content.ByteBufferContentSource(body.asReadOnlyBuffer()), true);
    }

    /** Runs the failure listeners (once); later reads fail with {@code cause}. */
    void abort(Throwable cause) {
        List<Consumer<Throwable>> toRun;
        synchronized (this) {
            if (abortedBy != null) {
                return;
            }
            abortedBy = cause;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        if (body != null) {
            body.fail(cause);
        }
        toRun.forEach(listener -> notify(listener, cause));
    }

    private static void notify(Consumer<Throwable> listener, Throwable cause) {
        try {
            listener.accept(cause);
        } catch (Throwable x) {
            LOG.debug("A failure listener failed", x);
        }
    }

    private synchronized Throwable abortedBy() {
        return abortedBy;
    }

    /** Makes the attributes set during this attempt the request's own, as the attempt's answer is the request's. */
    void keepAttributes() {
        Attributes.Layer own = layer;
        if (own == null) {
            return;
        }
        Request request = getWrapped();
        Set<String> names = own.getAttributeNameSet();
        for (String name : Set.copyOf(request.getAttributeNameSet())) {
            if (!names.contains(name)) {
                request.removeAttribute(name);
            }
        }
        names.forEach(name -> request.setAttribute(name, own.getAttribute(name)));
        layer = null;
    }

    @Override
    public void addFailureListener(Consumer<Throwable> onFailure) {
        Throwable cause;
        synchronized (this) {
            cause = abortedBy;
            if (cause == null) {
                listeners.add(onFailure);
            }
        }
        if (cause != null) {
            notify(onFailure, cause);
        }
    }

    @Override
    public HttpFields getHeaders() {
        return headers;
    }

    @Override
    public long getLength() {
        return body == null ? super.getLength() : body.getLength();
    }

    @Override
    public Content.Chunk read() {
        if (body != null) {
            return body.read();
        }
        Throwable cause = abortedBy();
        return cause == null ? super.read() : Content.Chunk.from(cause, true);
    }

    @Override
    public void demand(Runnable demandCallback) {
        if (body != null) {
            body.demand(demandCallback);
        } else if (abortedBy() != null) {
            demandCallback.run();
        } else {
            super.demand(demandCallback);
        }
    }

    @Override
    public void fail(Throwable failure) {
        if (body != null) {
            body.fail(failure);
        } else {
            super.fail(failure);
        }
    }

    @Override
    public boolean rewind() {
        return body != null ? body.rewind() : getWrapped().rewind();
    }

    @Override
    public boolean consumeAvailable() {
        return body != null || super.consumeAvailable();
    }

    @Override
    public Object getAttribute(String name) {
        Attributes.Layer own = layer;
        return own != null ? own.getAttribute(name) : super.getAttribute(name);
    }

    @Override
    public Object setAttribute(String name, Object value) {
        Attributes.Layer own = layer;
        return own != null ? own.setAttribute(name, value) : super.setAttribute(name, value);
    }

    @Override
    public Object removeAttribute(String name) {
        Attributes.Layer own = layer;
        return own != null ? own.removeAttribute(name) : super.removeAttribute(name);
    }

    @Override
    public Set<String> getAttributeNameSet() {
        Attributes.Layer own = layer;
        return own != null ? own.getAttributeNameSet() : super.getAttributeNameSet();
    }

    @Override
    public Map<String, Object> asAttributeMap() {
        Attributes.Layer own = layer;
        return own != null ? own.asAttributeMap() : super.asAttributeMap();
    }

    @Override
    public void clearAttributes() {
        Attributes.Layer own = layer;
        if (own != null) {
            own.clearAttributes();
        } else {
            super.clearAttributes();
        }
    }
}
