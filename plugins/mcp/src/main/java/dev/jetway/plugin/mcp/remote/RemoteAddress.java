package dev.jetway.plugin.mcp.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.jetway.api.ConfigException;

/**
 * Turns a {@link RemoteConfig} into the URL of an upstream: the MCP endpoint of a remote target, or the base URL of
 * an API (the {@code openapi} targets of the mcp-openapi plugin).
 */
public final class RemoteAddress {

    private RemoteAddress() {
    }

    /**
     * @param defaultPath the transport's usual path ({@code /mcp}, {@code /sse})
     * @param tls         whether a {@code backendTLS} policy applies, which makes a bare host {@code https}
     */
    public static URI of(RemoteConfig config, String defaultPath, boolean tls) throws ConfigException {
        String host = config.host() == null ? "" : config.host().strip();
        if (host.isEmpty()) {
            throw new ConfigException("host", "host is required: a host name (with port and path) or a URL such as http://127.0.0.1:3001" + defaultPath);
        }
        if (config.port() != null && (config.port() < 1 || config.port() > 65535)) {
            throw new ConfigException("port", "port " + config.port() + " is out of range 1-65535");
        }
        if (config.path() != null && !config.path().startsWith("/")) {
            throw new ConfigException("path", "path \"" + config.path() + "\" must start with /");
        }
        boolean url = host.contains("://");
        URI uri;
        try {
            uri = new URI(url ? host : (tls ? "https://" : "http://") + host);
        } catch (URISyntaxException e) {
            throw new ConfigException("host", "invalid host \"" + host + "\": " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException("host", "invalid host \"" + host + "\": scheme " + scheme + " is not supported; use http or https");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("host", "invalid host \"" + host + "\": expected a host name or a URL such as http://127.0.0.1:3001" + defaultPath);
        }
        if (uri.getPort() > 0 && config.port() != null && uri.getPort() != config.port()) {
            throw new ConfigException("port", "port " + config.port() + " contradicts the port in host \"" + host + "\"");
        }
        String urlPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? null : uri.getRawPath();
        if (urlPath != null && config.path() != null && !urlPath.equals(config.path())) {
            throw new ConfigException("path", "path \"" + config.path() + "\" contradicts the path in host \"" + host + "\"");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : config.port() != null ? config.port() : scheme.equals("https") ? 443 : 80;
        String path = urlPath != null ? urlPath : config.path() != null ? config.path() : defaultPath;
        try {
            return new URI(scheme, null, uri.getHost(), port, null, null, null).resolve(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new ConfigException("host", "invalid host \"" + host + "\": " + e.getReason());
        }
    }
}
