package dev.jetway.plugin.resilience;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An attempt's response: status and headers (starting as a copy of the real ones) stay here until the attempt
 * settles on the first write. A released attempt's status and headers replace the real ones and every call goes
 * through from then on; a discarded or abandoned attempt's writes fail, and the real response never saw it. Interim
 * (1xx) responses of an unsettled attempt are dropped, as the attempt may yet be discarded.
 */
final class HeldResponse extends Response.Wrapper {

    private final Attempt attempt;
    private final HttpFields.Mutable headers;
    private volatile int status;

    HeldResponse(Request request, Response response, Attempt attempt) {
        super(request, response);
        this.attempt = attempt;
        this.headers = HttpFields.build(response.getHeaders());
        this.status = response.getStatus();
    }

    /** Hands status and headers to the real response; called once, by the attempt that settled as released. */
    void release() {
        Response real = getWrapped();
        real.setStatus(status);
        HttpFields.Mutable realHeaders = real.getHeaders();
        realHeaders.clear();
        // Jetty keeps some fields through clear() (Date, Server): those are not added a second time.
        List<HttpField> kept = new ArrayList<>(realHeaders.stream().toList());
        for (HttpField field : headers) {
            if (!kept.remove(field)) {
                realHeaders.add(field);
            }
        }
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
        if (attempt.isReleased() || attempt.settle(status, new Attempt.Discarded())) {
            super.write(last, content, callback);
        } else {
            callback.failed(attempt.abandonment());
        }
    }

    @Override
    public int getStatus() {
        return attempt.isReleased() ? super.getStatus() : status;
    }

    @Override
    public void setStatus(int code) {
        if (attempt.isReleased()) {
            super.setStatus(code);
        } else {
            status = code;
        }
    }

    @Override
    public HttpFields.Mutable getHeaders() {
        return attempt.isReleased() ? super.getHeaders() : headers;
    }

    @Override
    public boolean isCommitted() {
        return attempt.isReleased() ? super.isCommitted() : attempt.abandonment() != null;
    }

    @Override
    public boolean hasLastWrite() {
        return attempt.isReleased() ? super.hasLastWrite() : attempt.abandonment() != null;
    }

    @Override
    public boolean isCompletedSuccessfully() {
        return attempt.isReleased() && super.isCompletedSuccessfully();
    }

    @Override
    public void reset() {
        if (attempt.isReleased()) {
            super.reset();
        } else {
            status = HttpStatus.OK_200;
            headers.clear();
        }
    }

    @Override
    public CompletableFuture<Void> writeInterim(int code, HttpFields interimHeaders) {
        return attempt.isReleased() ? super.writeInterim(code, interimHeaders) : CompletableFuture.completedFuture(null);
    }
}
