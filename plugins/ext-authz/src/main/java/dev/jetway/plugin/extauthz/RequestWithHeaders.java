package dev.jetway.plugin.extauthz;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/** The request with some headers set (replacing any of the same name), for the handlers and the backend after it. */
final class RequestWithHeaders extends Request.Wrapper {

    private final HttpFields headers;

    RequestWithHeaders(Request request, HttpFields set) {
        super(request);
        HttpFields.Mutable headers = HttpFields.build(request.getHeaders());
        for (HttpField field : set) {
            headers.put(field);
        }
        this.headers = headers.asImmutable();
    }

    @Override
    public HttpFields getHeaders() {
        return headers;
    }
}
