package dev.jetway.plugin.backendauth;

import java.util.function.Function;

import dev.jetway.api.GatewayAttributes;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Replaces the request's {@code Authorization} with the upstream credentials before the backend sends it on, and
 * records them in {@link GatewayAttributes#UPSTREAM_AUTHORIZATION} for backends that make their own upstream calls.
 * Without credentials (passthrough of a request no policy verified a token for) the request goes on unchanged.
 */
final class BackendAuthHandler extends Handler.Wrapper {

    private final Function<Request, String> authorization;

    private BackendAuthHandler(Function<Request, String> authorization) {
        this.authorization = authorization;
    }

    /** Sends the client's token that jwtAuth or mcpAuthentication verified (and removed). */
    static BackendAuthHandler passthrough() {
        return new BackendAuthHandler(request -> request.getAttribute(GatewayAttributes.VERIFIED_TOKEN) instanceof String token
                ? "Bearer " + token : null);
    }

    /** Sends the gateway's own key. */
    static BackendAuthHandler key(String key) {
        String value = "Bearer " + key;
        return new BackendAuthHandler(request -> value);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String value = authorization.apply(request);
        if (value == null) {
            return super.handle(request, response, callback);
        }
        request.setAttribute(GatewayAttributes.UPSTREAM_AUTHORIZATION, value);
        HttpFields headers = HttpFields.build(request.getHeaders()).put(HttpHeader.AUTHORIZATION, value).asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        }, response, callback);
    }
}
