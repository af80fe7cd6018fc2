package dev.jetway.core.config;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A listener of a bind ({@code binds[].listeners[]}). {@code tls} stays a tree: the kernel owns some of its keys and
 * listener-TLS plugins own the rest.
 */
public record ListenerConfig(
        String name,
        String namespace,
        String hostname,
        Protocol protocol,
        ObjectNode tls,
        List<RouteConfig> routes,
        JsonNode tcpRoutes,
        JsonNode policies) {

    /** Listener protocols, spelled as agentgateway spells them. */
    public enum Protocol { HTTP, HTTPS, TLS, TCP, HBONE }

    public ListenerConfig {
        protocol = protocol == null ? Protocol.HTTP : protocol;
        routes = routes == null ? null : List.copyOf(routes);
    }
}
