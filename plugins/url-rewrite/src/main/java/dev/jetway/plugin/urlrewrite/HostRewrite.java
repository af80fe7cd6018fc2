package dev.jetway.plugin.urlrewrite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.util.HostPort;

/**
 * agentgateway's {@code authority}: {@code auto} | {@code none} | {@code {full: "host:port"}} | {@code {host: "h"}} |
 * {@code {port: N}}, and how each one changes a request's host and port.
 */
sealed interface HostRewrite {

    String SHAPES = "\"auto\", \"none\", {full: \"host:port\"}, {host: \"host\"} or {port: 8080}";

    /** The new authority, from the request's and the scheme it will have. */
    Authority apply(HttpURI original, String scheme);

    /** Whether the policy chose the authority itself, which turns backends' automatic host rewrite off. */
    default boolean choosesAuthority() {
        return true;
    }

    /** Keep the request's authority, and let backends rewrite it to a hostname target's name. */
    record Auto() implements HostRewrite {
        public Authority apply(HttpURI original, String scheme) {
            return Authority.of(original);
        }

        public boolean choosesAuthority() {
            return false;
        }
    }

    /** Keep the request's authority as it is. */
    record None() implements HostRewrite {
        public Authority apply(HttpURI original, String scheme) {
            return Authority.of(original);
        }
    }

    /** Exactly this {@code host[:port]}. */
    record Full(Authority authority) implements HostRewrite {
        public Authority apply(HttpURI original, String scheme) {
            return authority;
        }
    }

    /**
     * This host; the port is dropped when {@code keepPort} is false (urlRewrite, or a redirect that sets its scheme),
     * else kept unless it is the scheme's default.
     */
    record Host(String host, boolean keepPort) implements HostRewrite {
        public Authority apply(HttpURI original, String scheme) {
            return new Authority(host, keepPort ? Authority.withoutDefault(scheme, original.getPort()) : -1);
        }
    }

    /** The request's host on this port, written only when it is not the scheme's default. */
    record Port(int port) implements HostRewrite {
        public Authority apply(HttpURI original, String scheme) {
            return new Authority(original.getHost(), Authority.withoutDefault(scheme, port));
        }
    }

    /**
     * @param keepPortOnHost whether {@code {host: h}} keeps the request's port
     * @return {@code null} when {@code node} is absent
     */
    static HostRewrite parse(JsonNode node, String field, boolean keepPortOnHost) throws ConfigException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "auto" -> new Auto();
                case "none" -> new None();
                default -> throw new ConfigException(field, "invalid value \"" + node.asText() + "\"; expected " + SHAPES);
            };
        }
        if (!node.isObject() || node.size() != 1) {
            throw new ConfigException(field, "expected one of " + SHAPES);
        }
        String key = node.fieldNames().next();
        JsonNode value = node.get(key);
        String at = field + "." + key;
        return switch (key) {
            case "full" -> new Full(authority(value, at));
            case "host" -> {
                Authority host = authority(value, at);
                if (host.port() >= 0) {
                    throw new ConfigException(at, "\"" + value.asText() + "\" has a port; write the host alone, or use full: \"host:port\"");
                }
                yield new Host(host.host(), keepPortOnHost);
            }
            case "port" -> {
                if (!value.canConvertToInt() || value.asInt() < 1 || value.asInt() > 65535) {
                    throw new ConfigException(at, "expected a port number 1-65535 but found " + value);
                }
                yield new Port(value.asInt());
            }
            default -> throw new ConfigException(field, "unknown key \"" + key + "\"; expected one of " + SHAPES);
        };
    }

    private static Authority authority(JsonNode value, String field) throws ConfigException {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ConfigException(field, "expected a host name such as api.example.com, optionally with :port");
        }
        try {
            HostPort hostPort = new HostPort(value.asText());
            return new Authority(hostPort.getHost(), hostPort.getPort());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, "invalid authority \"" + value.asText() + "\": " + e.getMessage());
        }
    }
}
