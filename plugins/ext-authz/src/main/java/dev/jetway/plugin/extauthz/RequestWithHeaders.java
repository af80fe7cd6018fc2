package dev.jetway.plugin.extauthz;

import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/** The request with the authorization service's changes to its headers, for the handlers and the backend after it. */
final class RequestWithHeaders extends Request.Wrapper {

    private final HttpFields headers;

    RequestWithHeaders(Request request, Consumer<HttpFields.Mutable> edit) {
        super(request);
        HttpFields.Mutable headers = HttpFields.build(request.getHeaders());
        edit.accept(headers);
        this.headers = headers.asImmutable();
    }

    @Override
    public HttpFields getHeaders() {
        return headers;
    }
}
