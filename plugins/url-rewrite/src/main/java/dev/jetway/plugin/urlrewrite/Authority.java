package dev.jetway.plugin.urlrewrite;

import org.eclipse.jetty.http.HttpURI;

/**
 * A request's host and port; {@code port} is -1 when none is written.
 */
record Authority(String host, int port) {

    static Authority of(HttpURI uri) {
        return new Authority(uri.getHost(), uri.getPort());
    }

    /** {@code port}, or -1 when it is unset or the default of {@code scheme}. */
    static int withoutDefault(String scheme, int port) {
        return port <= 0 || "http".equalsIgnoreCase(scheme) && port == 80 || "https".equalsIgnoreCase(scheme) && port == 443
                ? -1 : port;
    }

    @Override
    public String toString() {
        return port < 0 ? host : host + ":" + port;
    }
}
