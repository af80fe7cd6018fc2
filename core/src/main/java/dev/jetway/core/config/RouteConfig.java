package dev.jetway.core.config;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A route of a listener ({@code routes[]}). {@code policies} and {@code backends} stay trees: their keys select
 * plugins.
 */
public record RouteConfig(
        String name,
        String namespace,
        String ruleName,
        List<String> hostnames,
        List<RouteMatchConfig> matches,
        ObjectNode policies,
        List<com.fasterxml.jackson.databind.JsonNode> backends) {

    public RouteConfig {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        matches = matches == null || matches.isEmpty() ? List.of(RouteMatchConfig.ANY) : List.copyOf(matches);
        backends = backends == null ? List.of() : List.copyOf(backends);
    }
}
