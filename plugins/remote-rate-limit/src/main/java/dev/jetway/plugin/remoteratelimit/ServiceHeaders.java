package dev.jetway.plugin.remoteratelimit;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/** The headers a rate limit service asks to set on the response ({@code response_headers_to_add}) or the request. */
final class ServiceHeaders {

    private ServiceHeaders() {
    }

    /** Sets each header, replacing one of the same name, as agentgateway does. */
    static void put(HttpFields.Mutable fields, List<HeaderValue> headers) {
        for (HeaderValue header : headers) {
            if (!header.getKey().isEmpty()) {
                fields.put(header.getKey(), header.getValue().isEmpty()
                        ? header.getRawValue().toString(StandardCharsets.ISO_8859_1) : header.getValue());
            }
        }
    }

    /** {@code request} as the handlers after this policy see it, with {@code headers} set. */
    static Request forward(Request request, List<HeaderValue> headers) {
        if (headers.isEmpty()) {
            return request;
        }
        HttpFields.Mutable fields = HttpFields.build(request.getHeaders());
        put(fields, headers);
        HttpFields forwarded = fields.asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return forwarded;
            }
        };
    }
}
