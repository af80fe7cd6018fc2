package dev.jetway.plugin.extauthz.spi;

import java.nio.file.Path;

import dev.jetway.api.ConfigException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Transport;

/**
 * Where a service listens, as agentgateway's {@code host} writes it: {@code "host:port"} ({@code "[::1]:9000"} for
 * IPv6) or {@code "unix:/run/service.sock"}.
 *
 * @param host       the host name or address; {@code localhost} for a Unix socket, as the default authority
 * @param port       the TCP port; 0 for a Unix socket
 * @param unixSocket the socket's path, or {@code null} for TCP
 */
public record ServiceAddress(String host, int port, Path unixSocket) {

    /** @param field where {@code written} is, for the error message */
    public static ServiceAddress parse(String field, String written) throws ConfigException {
        if (written == null || written.isBlank()) {
            throw new ConfigException(field, "expected \"host:port\" or \"unix:/path/to.sock\"");
        }
        if (written.startsWith("unix:")) {
            String path = written.substring("unix:".length());
            if (path.isEmpty()) {
                throw new ConfigException(field, "a Unix socket needs a path, such as unix:/run/tailscale/tailscaled.sock");
            }
            return new ServiceAddress("localhost", 0, Path.of(path));
        }
        int colon = written.lastIndexOf(':');
        String host = colon < 0 ? "" : written.substring(0, colon);
        int port = colon < 0 ? -1 : port(written.substring(colon + 1));
        if (host.isEmpty() || port < 1 || written.contains("/") || host.contains(":") && !host.startsWith("[")) {
            throw new ConfigException(field, "invalid address \"" + written + "\"; expected \"host:port\" such as"
                    + " localhost:9000, or \"unix:/path/to.sock\"");
        }
        return new ServiceAddress(host, port, null);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A request to the service with Jetty's client: over TCP, or over the Unix socket (the URI's host then only
     * names the default authority).
     *
     * @param pathAndQuery such as {@code /oauth2/auth?rd=/x}
     */
    public Request newRequest(HttpClient client, String pathAndQuery) {
        Request request = client.newRequest("http://" + authority() + pathAndQuery);
        return unixSocket == null ? request : request.transport(new Transport.TCPUnix(unixSocket));
    }

    /** The authority a request to the service carries unless told otherwise. */
    public String authority() {
        return unixSocket == null ? host + ":" + port : host;
    }

    @Override
    public String toString() {
        return unixSocket == null ? authority() : "unix:" + unixSocket;
    }
}
