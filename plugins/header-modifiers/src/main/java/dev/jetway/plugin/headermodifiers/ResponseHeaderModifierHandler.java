package dev.jetway.plugin.headermodifiers;

import dev.jetway.api.http.HeadersOnCommit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Edits the response headers of whatever answers further in, just before they are sent. */
final class ResponseHeaderModifierHandler extends Handler.Wrapper {

    private final HeaderEdits edits;

    ResponseHeaderModifierHandler(HeaderEdits edits) {
        this.edits = edits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HeadersOnCommit edited = new HeadersOnCommit(request, response, edits::apply);
        return super.handle(request, edited, edited.callback(callback));
    }
}
