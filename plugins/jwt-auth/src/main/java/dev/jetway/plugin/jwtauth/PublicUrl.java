package dev.jetway.plugin.jwtauth;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/** The gateway's URL as its client sees it, for the URLs the MCP discovery documents point to. */
final class PublicUrl {

    private PublicUrl() {
    }

    /**
     * {@code scheme://host[:port]} of the request: the scheme a TLS-terminating proxy in front reports in
     * {@code X-Forwarded-Proto}, else the request's own, and the authority the client addressed.
     */
    static String origin(Request request) {
        HttpURI uri = request.getHttpURI();
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        String scheme = forwarded == null || forwarded.isBlank() ? uri.getScheme() : forwarded.split(",")[0].strip();
        return scheme + "://" + uri.getAuthority();
    }
}
