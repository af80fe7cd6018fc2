package dev.jetway.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Handshakes and HTTP/1.1 requests with the JDK's own TLS client, offering exactly what a test asks for. */
public final class JdkTls {

    private JdkTls() {
    }

    /**
     * Handshakes with 127.0.0.1:{@code port}; returns the session, or throws the handshake failure.
     *
     * @param serverName the SNI to send, or {@code null} for none
     */
    public static SSLSession handshake(SSLContext context, int port, String serverName, List<String> protocols,
                                       List<String> suites) throws IOException {
        try (SSLSocket socket = open(context, port, serverName, protocols, suites)) {
            socket.startHandshake();
            return socket.getSession();
        }
    }

    /** Sends {@code GET path} over a fresh TLS connection and returns status line and body. */
    public static String get(SSLContext context, int port, String serverName, String path) throws IOException {
        try (SSLSocket socket = open(context, port, serverName, null, null)) {
            OutputStream out = socket.getOutputStream();
            String host = serverName == null ? "127.0.0.1" : serverName;
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SSLSocket open(SSLContext context, int port, String serverName, List<String> protocols,
                                  List<String> suites) throws IOException {
        // Layered on a plain socket so that the JDK keys its session cache by the server name: it would otherwise
        // resume the last session to 127.0.0.1:port, server name included, whatever SNI we ask for.
        java.net.Socket plain = new java.net.Socket("127.0.0.1", port);
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, serverName == null ? "127.0.0.1" : serverName, port, true);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        if (protocols != null) {
            parameters.setProtocols(protocols.toArray(new String[0]));
        }
        if (suites != null) {
            parameters.setCipherSuites(suites.toArray(new String[0]));
        }
        socket.setSSLParameters(parameters);
        return socket;
    }
}
