package dev.jetway.plugin.urlrewrite;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** Answers every request with a redirect to its own URL, changed as configured, without calling what it wraps. */
final class RequestRedirectHandler extends Handler.Wrapper {

    private final String scheme;
    private final HostRewrite authority;
    private final PathRewrite path;
    private final int status;

    /**
     * @param scheme {@code null} to keep the request's
     * @param authority {@code null} to keep the request's
     * @param path {@code null} to keep the request's
     */
    RequestRedirectHandler(String scheme, HostRewrite authority, PathRewrite path, int status) {
        this.scheme = scheme;
        this.authority = authority;
        this.path = path;
        this.status = status;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpURI original = request.getHttpURI();
        String newScheme = scheme != null ? scheme : original.getScheme() != null ? original.getScheme() : "http";
        String newPath;
        try {
            newPath = path == null ? original.getPath()
                    : path.apply(original, (String) request.getAttribute(GatewayAttributes.MATCHED_PATH_PREFIX));
        } catch (PathRewrite.PrefixMismatch e) {
            PlainText.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "invalid requestRedirect: " + e.getMessage() + "\n");
            return true;
        }
        Authority target = authority == null ? Authority.of(original) : authority.apply(original, newScheme);
        String query = original.getQuery();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.LOCATION, newScheme + "://" + target + newPath + (query == null ? "" : "?" + query));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        return true;
    }
}
