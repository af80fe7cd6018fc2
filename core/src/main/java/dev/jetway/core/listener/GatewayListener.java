package dev.jetway.core.listener;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A built listener: its name, the hostname that selects it on a shared bind, its TLS settings (HTTPS only) and the
 * router that serves its requests.
 *
 * @param hostname {@code null} for the bind's default listener
 * @param tls {@code null} for plain HTTP
 * @param requestCustomizers per-request steps from listener-TLS plugins, such as client certificate attributes
 */
public record GatewayListener(String name, String hostname, SslContextFactory.Server tls,
                       List<HttpConfiguration.Customizer> requestCustomizers, Handler router) {

    public GatewayListener {
        requireNonNull(name, "name");
        requestCustomizers = List.copyOf(requestCustomizers);
        requireNonNull(router, "router");
    }

    public boolean isSecure() {
        return tls != null;
    }
}
