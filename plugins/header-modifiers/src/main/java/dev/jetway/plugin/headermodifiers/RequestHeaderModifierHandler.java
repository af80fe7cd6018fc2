package dev.jetway.plugin.headermodifiers;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Hands the handlers it wraps the request with edited headers; backends forward those. */
final class RequestHeaderModifierHandler extends Handler.Wrapper {

    private final HeaderEdits edits;

    RequestHeaderModifierHandler(HeaderEdits edits) {
        this.edits = edits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable headers = HttpFields.build(request.getHeaders());
        edits.apply(headers);
        HttpFields edited = headers.asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return edited;
            }
        }, response, callback);
    }
}
