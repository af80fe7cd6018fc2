package dev.jetway.core.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where an operations endpoint listens, written {@code ip:port} as agentgateway writes it: {@code localhost:15000},
 * {@code :15020} (every interface), {@code [::1]:15000}; {@code off} for none.
 *
 * @param host {@code null} for every interface
 */
public record OpsAddress(String host, int port) {

    /** @return {@code null} for {@code off}; @throws IllegalArgumentException with a message for users */
    public static OpsAddress parse(String text) {
        String value = text.trim();
        // YAML 1.1 reads an unquoted off as the boolean false, which reaches here as "false".
        if (value.equalsIgnoreCase("off") || value.equals("false")) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address: write ip:port, :port or off");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has no port: write ip:port, :port or off");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of \"" + text + "\" is out of range 0-65535");
        }
        return new OpsAddress(host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? null : host, port);
    }

    /** Whether only this machine can reach it. */
    public boolean isLoopback() {
        if (host == null) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host == null ? "*" : host) + ":" + port;
    }
}
