package dev.jetway.plugin.host;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a {@code host} backend sends requests: {@code 10.0.0.1:8080}, {@code upstream.internal:8080},
 * {@code [::1]:8080}, or a URL {@code http://h:8080} / {@code https://h} (TLS, verified against the system roots).
 * A {@code backendTLS} policy of the backend or its route makes the connection TLS, as in agentgateway, where the
 * address has no scheme.
 */
record UpstreamAddress(String scheme, String host, int port) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * @param tls whether a {@code backendTLS} policy applies to the backend
     * @throws IllegalArgumentException with a message for the user
     */
    static UpstreamAddress parse(String value, boolean tls) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("host is required: an address such as 10.0.0.1:8080 or http://upstream:8080");
        }
        String text = value.trim();
        boolean hasScheme = text.contains("://");
        URI uri;
        try {
            uri = new URI(hasScheme ? text : "http://" + text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid host \"" + value + "\": " + e.getReason());
        }
        String scheme = hasScheme ? uri.getScheme().toLowerCase(Locale.ROOT) : tls ? "https" : "http";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("invalid host \"" + value + "\": scheme " + scheme + " is not supported; use http or https");
        }
        if (tls && scheme.equals("http")) {
            throw new IllegalArgumentException("host \"" + value + "\" says http://, but a backendTLS policy applies to it;"
                    + " write the address without a scheme, or with https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("invalid host \"" + value + "\": expected host:port, such as 10.0.0.1:8080");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("invalid host \"" + value + "\": give only scheme, host and port; "
                    + "requests keep their own path (use urlRewrite to change it)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!hasScheme && uri.getPort() < 0) {
            throw new IllegalArgumentException("invalid host \"" + value + "\": a port is required, such as " + value + ":8080");
        }
        return new UpstreamAddress(scheme, uri.getHost(), port);
    }

    boolean isSecure() {
        return scheme.equals("https");
    }

    /** Whether the target is a DNS name rather than an IP address (IPv6 ones come bracketed from {@link URI}). */
    boolean isHostname() {
        return !host.startsWith("[") && !IPV4.matcher(host).matches();
    }

    /** {@code host[:port]} as a {@code Host} header names this upstream: without the scheme's default port. */
    String authority() {
        return port == (isSecure() ? 443 : 80) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
