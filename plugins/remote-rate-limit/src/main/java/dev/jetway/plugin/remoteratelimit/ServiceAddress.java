package dev.jetway.plugin.remoteratelimit;

import dev.jetway.api.ConfigException;

/** agentgateway's {@code host: "h:p"} service reference: a host name or IP address and a port, no scheme. */
final class ServiceAddress {

    private ServiceAddress() {
    }

    /** The {@code host:port} authority of {@code host}, as written or with an IPv6 address in brackets. */
    static String authority(String host) throws ConfigException {
        String usage = "host is the rate limit service's address, host:port, such as \"127.0.0.1:8081\"";
        if (host.contains("://")) {
            throw new ConfigException("host", "invalid host \"" + host + "\": no scheme; " + usage);
        }
        int colon = host.lastIndexOf(':');
        String name = colon < 0 ? "" : host.substring(0, colon);
        if (name.startsWith("[") != name.endsWith("]") || !name.startsWith("[") && name.contains(":")
                || name.isEmpty() || name.equals("[]") || name.contains("/")) {
            throw new ConfigException("host", "invalid host \"" + host + "\": " + usage);
        }
        int port;
        try {
            port = Integer.parseInt(host.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("host", "invalid host \"" + host + "\": the port is missing or not a number; " + usage);
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("host", "invalid host \"" + host + "\": port " + port + " is out of range 1-65535");
        }
        return name + ":" + port;
    }
}
