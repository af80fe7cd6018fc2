package dev.jetway.plugin.urlrewrite;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hands the handlers it wraps a request with a rewritten URI (and {@code Host}, when the authority changes). Backends
 * forward what they are handed: the host backend builds its upstream URI from the request URI's path and query.
 */
final class UrlRewriteHandler extends Handler.Wrapper {

    private final HostRewrite authority;
    private final PathRewrite path;

    /**
     * @param authority {@code null} to keep the request's
     * @param path {@code null} to keep the request's
     */
    UrlRewriteHandler(HostRewrite authority, PathRewrite path) {
        this.authority = authority;
        this.path = path;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpURI original = request.getHttpURI();
        HttpURI.Mutable rewritten = HttpURI.build(original);
        if (path != null) {
            try {
                rewritten.path(path.apply(original, (String) request.getAttribute(GatewayAttributes.MATCHED_PATH_PREFIX)))
                        .query(original.getQuery());
            } catch (PathRewrite.PrefixMismatch e) {
                PlainText.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "invalid urlRewrite: " + e.getMessage() + "\n");
                return true;
            }
        }
        HttpFields headers = request.getHeaders();
        if (authority != null && authority.choosesAuthority()) {
            request.setAttribute(GatewayAttributes.AUTHORITY_REWRITTEN, Boolean.TRUE);
            Authority target = authority.apply(original, original.getScheme());
            rewritten.host(target.host()).port(target.port());
            if (headers.contains(HttpHeader.HOST)) {
                headers = HttpFields.build(headers).put(HttpHeader.HOST, target.toString()).asImmutable();
            }
        }
        return super.handle(new RewrittenRequest(request, rewritten.asImmutable(), headers), response, callback);
    }

    private static final class RewrittenRequest extends Request.Wrapper {
        private final HttpURI uri;
        private final HttpFields headers;

        RewrittenRequest(Request request, HttpURI uri, HttpFields headers) {
            super(request);
            this.uri = uri;
            this.headers = headers;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }
    }
}
