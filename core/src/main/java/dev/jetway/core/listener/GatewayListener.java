package dev.jetway.core.listener;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.jetway.core.routing.Router;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A built listener: its name, the hostname that selects it on a shared bind, its TLS settings (HTTPS only), the
 * router that chooses among its routes, and the handler its requests enter: the router behind the listener's own
 * policies (agentgateway's gateway phase).
 *
 * @param hostname {@code null} for the bind's default listener
 * @param tls {@code null} for plain HTTP
 * @param requestCustomizers per-request steps from listener-TLS plugins, such as client certificate attributes
 * @param entry the router itself when the listener has no policies
 */
public record GatewayListener(String name, String hostname, SslContextFactory.Server tls,
                       List<HttpConfiguration.Customizer> requestCustomizers, Router router, Handler entry) {

    public GatewayListener {
        requireNonNull(name, "name");
        requestCustomizers = List.copyOf(requestCustomizers);
        requireNonNull(router, "router");
        requireNonNull(entry, "entry");
    }

    public boolean isSecure() {
        return tls != null;
    }
}
